using System.Diagnostics;

namespace ContrastiveOrleans.Client.Tests;

/// <summary>SIGTERM and SIGHUP end a real `contrastive run` as Ctrl-C does: finished points kept and written.</summary>
public sealed class SignalTests : IDisposable
{
    private readonly CliRun _cli = new();

    public void Dispose() => _cli.Dispose();

    [Theory]
    [InlineData("TERM", 143)]
    [InlineData("HUP", 129)]
    public async Task A_signal_cancels_the_run_keeps_finished_points_and_exits_128_plus_the_signal(string signal, int expectedExit)
    {
        var ct = TestContext.Current.CancellationToken;
        var spec = _cli.Spec("name: sig\nexperiment: bench-noop\nparams: {sleep_ms: 400}\ngrid: {x: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]}\n");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "contrastive.dll"), "run", spec, "--out", _cli.Out, "--store", _cli.Store, "--workers", "2" })
        {
            info.ArgumentList.Add(arg);
        }
        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync(ct);
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        try
        {
            // Signalled once two points are in the store: mid-sweep, without guessing at timings.
            while (StoredLines() < 2 && !process.HasExited) await Task.Delay(20, ct);
            using (var kill = Process.Start("kill", ["-" + signal, process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync(ct);
            }
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(30));
            await process.WaitForExitAsync(timeout.Token);
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
        Assert.Equal(expectedExit, process.ExitCode);
        Assert.Contains("run the same command again to resume", await stderr, StringComparison.Ordinal);
        Assert.Contains("wrote " + _cli.Out, await stdout, StringComparison.Ordinal);
        var lines = File.ReadAllLines(Path.Combine(_cli.Out, "points.jsonl"));
        Assert.InRange(lines.Length, 2, 9);
        Assert.All(lines, l => Assert.Contains("\"status\":\"done\"", l, StringComparison.Ordinal));
    }

    private int StoredLines()
    {
        var segments = Path.Combine(_cli.Store, "segments");
        if (!Directory.Exists(segments)) return 0;
        return Directory.GetFiles(segments).Sum(f =>
        {
            using var stream = new FileStream(f, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd().Count(c => c == '\n');
        });
    }
}
