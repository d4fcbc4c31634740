using System.Diagnostics;
using System.Text.Json;

namespace ContrastiveOrleans.Bench;

/// <summary>
/// sweeps/quickstart.yaml run by this checkout's CLI and by a baseline commit's CLI built beside it (a detached git
/// worktree), alternately, each time into a fresh store and output directory: the sum of the points' own durations
/// (points.jsonl duration_ms), so the engine and the silo start do not enter, and how the time splits by method.
/// </summary>
public static class QuickstartBenchmark
{
    public static IEnumerable<Measurement> Run(string root, string baseline, int repetitions)
    {
        var worktree = Path.Combine(Path.GetTempPath(), $"contrastive-baseline-{baseline}");
        if (!Directory.Exists(worktree))
            Exec("git", ["-C", root, "worktree", "add", "--detach", worktree, baseline], root);
        Exec("dotnet", ["build", Path.Combine(worktree, "src", "Client"), "-c", "Release", "-v", "q", "-nologo"], worktree);
        var theirsCli = Path.Combine(worktree, "src", "Client", "bin", "Release", "net10.0", "contrastive.dll");
        var oursCli = Path.Combine(root, "src", "Client", "bin", "Release", "net10.0", "contrastive.dll");
        var spec = Path.Combine(root, "sweeps", "quickstart.yaml");

        var ours = new List<Dictionary<string, double>>();
        var theirs = new List<Dictionary<string, double>>();
        for (var rep = 0; rep < repetitions; rep++)
        {
            theirs.Add(Sweep(theirsCli, spec));
            ours.Add(Sweep(oursCli, spec));
        }
        var oursTotal = Measurement.Median(ours.Select(t => t["total"]));
        var theirsTotal = Measurement.Median(theirs.Select(t => t["total"]));
        string Split(List<Dictionary<string, double>> runs) => string.Join(", ",
            runs[0].Keys.Where(k => k != "total").Order().Select(k => FormattableString.Invariant($"{k} {Measurement.Median(runs.Select(r => r[k])):F1} s")));
        yield return new Measurement($"Quickstart sum of point times (18 gmm-contrastive points), this checkout vs {baseline}", "s",
            oursTotal, theirsTotal, $"baseline {baseline}", "≥ 1.8x lower",
            $"medians of {repetitions} alternating runs, fresh stores; by method, ours: {Split(ours)}; baseline: {Split(theirs)}");
    }

    private static Dictionary<string, double> Sweep(string cli, string spec)
    {
        var scratch = Directory.CreateTempSubdirectory("quickstart-bench-").FullName;
        try
        {
            var output = Path.Combine(scratch, "out");
            Exec("dotnet", [cli, "run", spec, "--out", output, "--store", Path.Combine(scratch, "store")], scratch);
            var totals = new Dictionary<string, double>(StringComparer.Ordinal) { ["total"] = 0 };
            foreach (var line in File.ReadLines(Path.Combine(output, "points.jsonl")))
            {
                using var point = JsonDocument.Parse(line);
                var seconds = point.RootElement.GetProperty("duration_ms").GetDouble() / 1000;
                var method = point.RootElement.GetProperty("params").GetProperty("method").GetString()!;
                totals["total"] += seconds;
                totals[method] = totals.GetValueOrDefault(method) + seconds;
            }
            return totals;
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    private static void Exec(string file, string[] arguments, string directory)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} failed ({process.ExitCode}): {stderr.Result}{stdout.Result}");
    }
}
