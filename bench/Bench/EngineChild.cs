using System.Diagnostics;
using System.Text.Json;

namespace ContrastiveOrleans.Bench;

/// <summary>Runs the engine benchmarks in a child process of this harness and collects its measurements.</summary>
public static class EngineChild
{
    public static IReadOnlyList<Measurement> Run(bool quick) => Child(quick ? ["--engine-child", "--quick"] : ["--engine-child"]);

    /// <summary>One sweep of <paramref name="points"/> points in a process of its own (so its peak RSS is the sweep's).</summary>
    public static IReadOnlyList<Measurement> RunScale(long points) => Child(["--engine-scale", points.ToString(System.Globalization.CultureInfo.InvariantCulture)]);

    private static List<Measurement> Child(string[] args)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet") start.ArgumentList.Add(typeof(EngineChild).Assembly.Location);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"engine benchmarks failed ({process.ExitCode}): {stderr.Result}");
        var last = stdout.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1];
        return JsonSerializer.Deserialize<List<Measurement>>(last)!;
    }
}
