using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using ContrastiveOrleans.Client;
using ContrastiveOrleans.Client.Cluster;
using ContrastiveOrleans.Grains.Contracts;

namespace ContrastiveOrleans.Bench.Cluster;

/// <summary>
/// Cluster mode on loopback (the README's recipe: Azurite and silo processes): throughput and storage bytes per point
/// as the sweep grows, scale-out with simulated work, and silos killed mid-sweep.
/// </summary>
public static partial class ClusterBenchmarks
{
    /// <summary>A sweep of <paramref name="points"/> bench-noop points whose x values start at <paramref name="offset"/>, so no
    /// two sweeps of one benchmark share a point (the store would answer from its cache).</summary>
    private static string Spec(string name, long points, long offset, int sleepMs = 0)
    {
        // An axis of at most 1000 values × seeds, as a real sweep file is written (short whatever the size).
        var xs = (int)System.Numerics.BigInteger.GreatestCommonDivisor(points, 1000);
        if (xs < 10 && points > 100_000) throw new ArgumentException($"{points} points do not split into an axis and seeds", nameof(points));
        if (xs < 10) xs = (int)points;
        var seeds = points / xs;
        return $"name: {name}\nexperiment: bench-noop\nseeds: {seeds}\nparams: {{sleep_ms: {sleepMs}}}\nmax_points: {Math.Max(points, 1000)}\n"
            + $"grid:\n  x: [{string.Join(", ", Enumerable.Range(0, xs).Select(i => (offset + i).ToString(CultureInfo.InvariantCulture)))}]\n"
            + "curves:\n  - {name: value-vs-x, x: x, metric: value}\n";
    }

    private sealed record Run(string RunId, TimeSpan EndToEnd, TimeSpan Engine, long Bytes, double SiloCpu, string OutDir);

    /// <summary>Submits detached, follows the root to the end, then writes the output with `results`.</summary>
    private static async Task<Run> RunSweep(BenchCluster cluster, string work, string name, string yaml, Func<SweepProgress, string, BenchCluster, Task>? during = null)
    {
        var spec = Path.Combine(work, name + ".yaml");
        await File.WriteAllTextAsync(spec, yaml);
        var outDir = Path.Combine(work, name + "-out");
        var bytes = cluster.StorageBytes;
        var cpu = cluster.SiloCpuSeconds;
        var clock = Stopwatch.StartNew();
        var (exit, stdout, stderr) = await Cli("run", spec, "--cluster", cluster.ConnectionString, "--detach");
        if (exit != 0) throw new InvalidOperationException($"submit exited {exit}: {stderr}");
        var runId = SweepIdLine().Match(stdout).Groups[1].Value;
        await using var connection = await ClusterConnection.ConnectAsync(ClusterTarget.Resolve(cluster.ConnectionString, _ => null), TimeSpan.FromSeconds(30), CancellationToken.None);
        var sweep = connection.Client.GetGrain<ISweepGrain>(runId);
        SweepProgress progress;
        while (true)
        {
            try
            {
                progress = await sweep.GetProgress();
                if (progress.IsFinal) break;
                if (during is not null) await during(progress, runId, cluster);
            }
#pragma warning disable CA1031 // A silo killed on purpose: the root comes back on a survivor.
            catch (Exception)
#pragma warning restore CA1031
            {
            }
            await Task.Delay(250);
        }
        (exit, _, stderr) = await Cli("results", runId, "--cluster", cluster.ConnectionString, "--out", outDir);
        clock.Stop();
        if (exit != 0) throw new InvalidOperationException($"results exited {exit}: {stderr}");
        return new Run(runId, clock.Elapsed, progress.FinishedAt!.Value - progress.StartedAt, cluster.StorageBytes - bytes, cluster.SiloCpuSeconds - cpu, outDir);
    }

    private static async Task<(int Exit, string Out, string Error)> Cli(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await ContrastiveCli.RunAsync(args, new CliConsole(TextWriter.Synchronized(stdout), TextWriter.Synchronized(stderr), IsTerminal: false), CancellationToken.None);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    /// <summary>2 silos x 2 workers: points/s end to end and storage bytes per point at each size.</summary>
    public static async Task<IReadOnlyList<Measurement>> Scale(string root, IReadOnlyList<long> sizes, bool millionToo)
    {
        var work = Directory.CreateTempSubdirectory("bench-cluster-").FullName;
        var results = new List<Measurement>();
        try
        {
            await using var cluster = await BenchCluster.StartAsync(root, silos: 2, workers: 2);
            // The silos' JIT and first storage calls, so sizes compare steady states.
            await RunSweep(cluster, work, "warmup", Spec("warmup", 2000, 10_000_000));
            var perPoint = new List<(long N, double Bytes)>();
            var offset = 0L;
            foreach (var n in sizes.Concat(millionToo ? [1_000_000L] : []))
            {
                offset += 1000;
                var run = await RunSweep(cluster, work, $"scale{n}", Spec($"scale{n}", n, offset));
                Verify(run.OutDir, n);
                var bytes = run.Bytes / (double)n;
                if (n < 1_000_000) perPoint.Add((n, bytes));
                results.Add(new Measurement($"Cluster (2 silos x 2 workers, Azurite): {n} bench-noop points end to end", "points/s", n / run.EndToEnd.TotalSeconds,
                    n < 1_000_000 ? 2000 : 1, n < 1_000_000 ? "target" : "completes", n == 100_000 ? "≥ 2,000 points/s" : n == 1_000_000 ? "completes" : "information",
                    string.Create(CultureInfo.InvariantCulture, $"submit to output written {run.EndToEnd.TotalSeconds:F1} s (engine {run.Engine.TotalSeconds:F1} s); {bytes:F0} B/point written to storage; silo CPU {run.SiloCpu / n * 1e6:F0} µs/point")));
                Directory.Delete(run.OutDir, recursive: true);
            }
            foreach (var (n, bytes) in perPoint)
            {
                results.Add(new Measurement($"Storage bytes written per point at {n} points", "B", bytes, 1024, "1 KB budget", "≤ 1 KB",
                    "requests to Blob and Table storage (headers and bodies) counted by a relay in front of Azurite"));
            }
            var flatness = perPoint[^1].Bytes / perPoint[0].Bytes;
            results.Add(new Measurement($"Bytes per point, {perPoint[^1].N} points / {perPoint[0].N} points", "x", flatness, 1.3, "limit", "≤ 1.3 (flat)",
                "constant cost per result: no state record grows with the sweep"));
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
        return results;
    }

    /// <summary>Points of 50 ms on 1, 2, 4 and 8 silos of 4 workers: throughput against slots × 20 points/s.</summary>
    public static async Task<IReadOnlyList<Measurement>> ScaleOut(string root, IReadOnlyList<int> siloCounts, double seconds)
    {
        var work = Directory.CreateTempSubdirectory("bench-scaleout-").FullName;
        var results = new List<Measurement>();
        try
        {
            foreach (var silos in siloCounts)
            {
                await using var cluster = await BenchCluster.StartAsync(root, silos, workers: 4);
                var slots = silos * 4;
                var ideal = slots * 20.0;
                await RunSweep(cluster, work, $"warm{silos}", Spec($"warm{silos}", slots * 10, 20_000_000 + (silos * 1000), sleepMs: 50));
                var points = (long)(ideal * seconds);
                var run = await RunSweep(cluster, work, $"out{silos}", Spec($"out{silos}", points, 30_000_000 + (silos * 100_000), sleepMs: 50));
                Verify(run.OutDir, points);
                results.Add(new Measurement($"Scale-out: {silos} silo(s) x 4 workers, 50 ms points ({points} points)", "points/s", points / run.Engine.TotalSeconds, ideal,
                    $"{slots} slots x 20 points/s", "≥ 0.90x", string.Create(CultureInfo.InvariantCulture,
                        $"engine time {run.Engine.TotalSeconds:F1} s (root start to finish); end to end incl. submit and output {points / run.EndToEnd.TotalSeconds:F0} points/s")));
            }
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
        return results;
    }

    /// <summary>SIGKILL of the silo holding the root, then of one holding a shard, at 50% of a sweep on 3 silos.</summary>
    public static async Task<IReadOnlyList<Measurement>> Faults(string root, long points)
    {
        var work = Directory.CreateTempSubdirectory("bench-faults-").FullName;
        var results = new List<Measurement>();
        try
        {
            // The reference: the same sweep uninterrupted on an embedded silo.
            var yaml = Spec("faults", points, 40_000_000);
            var spec = Path.Combine(work, "faults.yaml");
            await File.WriteAllTextAsync(spec, yaml);
            var reference = Path.Combine(work, "reference");
            var (exit, _, error) = await Cli("run", spec, "--out", reference, "--store", Path.Combine(work, "store"));
            if (exit != 0) throw new InvalidOperationException($"reference run exited {exit}: {error}");
            var referenceCurves = await File.ReadAllTextAsync(Path.Combine(reference, "curves.csv"));
            foreach (var victim in new[] { "root", "shard" })
            {
                await using var cluster = await BenchCluster.StartAsync(root, silos: 3, workers: 2);
                string? killed = null;
                var run = await RunSweep(cluster, work, $"faults-{victim}", yaml.Replace("name: faults", $"name: faults-{victim}", StringComparison.Ordinal), async (p, runId, c) =>
                {
                    if (killed is not null || p.Finished < points / 2) return;
                    var rootHost = c.RootHost(runId);
                    var target = victim == "root" ? rootHost : c.ShardHost(runId, except: rootHost);
                    if (target is null) return;
                    killed = string.Create(CultureInfo.InvariantCulture, $"killed at {p.Finished} of {points}");
                    await target.Kill();
                });
                var lines = await File.ReadAllLinesAsync(Path.Combine(run.OutDir, "points.jsonl"));
                var ids = lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("id").GetString()).ToHashSet();
                var done = lines.Count(l => l.Contains("\"status\":\"done\"", StringComparison.Ordinal));
                var curvesEqual = await File.ReadAllTextAsync(Path.Combine(run.OutDir, "curves.csv")) == referenceCurves;
                var ok = lines.Length == points && ids.Count == points && done == points && curvesEqual;
                results.Add(new Measurement($"SIGKILL of the silo hosting the sweep's {victim} at 50% of {points} points (3 silos)", "points", lines.Length, points,
                    "points of the sweep", "every point exactly once; curves equal", string.Create(CultureInfo.InvariantCulture,
                        $"{killed ?? "not killed"}; {ids.Count} distinct ids, {done} done; curves.csv {(curvesEqual ? "equal to" : "DIFFERENT from")} the uninterrupted run; {(ok ? "pass" : "FAIL")}; {run.EndToEnd.TotalSeconds:F0} s end to end")));
            }
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
        return results;
    }

    /// <summary>The output holds every point once, all done.</summary>
    private static void Verify(string outDir, long points)
    {
        var lines = File.ReadLines(Path.Combine(outDir, "points.jsonl")).Count();
        if (lines != points) throw new InvalidOperationException($"{outDir}: {lines} points written, {points} expected");
    }

    [GeneratedRegex(@"sweep id: (\S+)")]
    private static partial Regex SweepIdLine();
}
