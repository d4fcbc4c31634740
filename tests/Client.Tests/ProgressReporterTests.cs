using ContrastiveOrleans.Grains.Contracts;

namespace ContrastiveOrleans.Client.Tests;

public sealed class ProgressReporterTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Rate_leaves_out_cached_points_and_eta_follows_from_it()
    {
        // 30 finished of which 10 cached, in 10 s: 2 computed points/s; 40 left → 20 s.
        var p = new SweepProgress(SweepState.Running, 70, 38, 2, 25, 5, 10, 0, Start, null);
        Assert.Equal("[30/70] done 25 (cached 10) failed 5 running 2 | 2 pts/s | ETA 0:20", ProgressReporter.Format(p, Start.AddSeconds(10)));
    }

    [Fact]
    public void Plain_output_prints_whole_lines_and_a_terminal_redraws_one()
    {
        var running = new SweepProgress(SweepState.Running, 2, 1, 1, 0, 0, 0, 0, Start, null);
        var done = running with { State = SweepState.Completed, Pending = 0, Running = 0, Done = 2, FinishedAt = Start.AddSeconds(1) };
        using var plain = new StringWriter();
        var reporter = new ProgressReporter(new CliConsole(plain, TextWriter.Null, IsTerminal: false), TimeProvider.System);
        reporter.Report(running, force: true);
        reporter.Report(running);
        reporter.Report(done);
        Assert.Equal(2, plain.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.DoesNotContain('\r', plain.ToString());

        using var terminal = new StringWriter();
        var redraw = new ProgressReporter(new CliConsole(terminal, TextWriter.Null, IsTerminal: true), TimeProvider.System);
        redraw.Report(running);
        redraw.Report(done);
        Assert.Equal(2, terminal.ToString().Count(c => c == '\r'));
        Assert.EndsWith("ETA done" + Environment.NewLine, terminal.ToString(), StringComparison.Ordinal);
    }
}
