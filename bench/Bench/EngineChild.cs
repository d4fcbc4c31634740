using System.Diagnostics;
using System.Text.Json;

namespace ContrastiveOrleans.Bench;

/// <summary>Runs the engine benchmarks in a child process of this harness and collects its measurements.</summary>
public static class EngineChild
{
    public static IReadOnlyList<Measurement> Run(bool quick)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet") start.ArgumentList.Add(typeof(EngineChild).Assembly.Location);
        start.ArgumentList.Add("--engine-child");
        if (quick) start.ArgumentList.Add("--quick");
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"engine benchmarks failed ({process.ExitCode}): {stderr.Result}");
        var last = stdout.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1];
        return JsonSerializer.Deserialize<List<Measurement>>(last)!;
    }
}
