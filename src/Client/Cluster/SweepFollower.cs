using ContrastiveOrleans.Grains.Contracts;

namespace ContrastiveOrleans.Client.Cluster;

/// <summary>Polls a cluster sweep until it is final or the caller detaches (cancellation); never cancels the sweep.</summary>
public static class SweepFollower
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    /// <param name="kindTotals">Points per cost kind, when the caller has the plan (a weighted ETA); else null.</param>
    public static async Task<SweepProgress> Follow(ISweepGrain sweep, SweepProgress progress, CliConsole console, ResilientCalls calls,
        IReadOnlyDictionary<string, long>? kindTotals, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        ArgumentNullException.ThrowIfNull(progress);
        ArgumentNullException.ThrowIfNull(calls);
        var reporter = new ProgressReporter(console, TimeProvider.System, kindTotals);
        reporter.Report(progress, force: true);
        try
        {
            while (!progress.IsFinal)
            {
                await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
                progress = await calls.Call(sweep.GetProgress, cancellationToken).ConfigureAwait(false);
                reporter.Report(progress);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            if (console.IsTerminal) await console.Out.WriteLineAsync().ConfigureAwait(false);
        }
        return progress;
    }
}
