using ContrastiveOrleans.Client.Output;
using ContrastiveOrleans.Grains.Contracts;

namespace ContrastiveOrleans.Client.Report;

/// <summary>
/// Rewrites report.html and plots/ in the output directory while a sweep runs (creating the directory if needed).
/// The final output replaces the whole directory at the end; a refresh that fails (disk full, permissions, plotting)
/// only warns once and stops refreshing, it never fails the run.
/// </summary>
/// <param name="fetch">The failures the sweep holds, the curve rows and the claim folds so far, fetched only when a
/// refresh is due (a few messages, however many points finished).</param>
/// <param name="snapshot">Builds the page's content from them and the progress.</param>
public sealed class LiveReport(
    string directory,
    ReportRefresher refresher,
    TimeProvider time,
    Func<Task<LiveData>> fetch,
    Func<LiveData, SweepProgress, ReportSnapshot> snapshot,
    TextWriter warnings)
{
    private bool _disabled;

    public int Writes { get; private set; }

    public async Task TickAsync(SweepProgress progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(progress);
        var now = time.GetUtcNow();
        if (_disabled || progress.IsFinal || !refresher.IsDue(now, progress.Finished)) return;
        try
        {
            var data = await fetch().ConfigureAwait(false);
            Directory.CreateDirectory(directory);
            var report = snapshot(data, progress);
            // Listed as ours before they exist: a kill mid-write leaves nothing the next run mistakes for a user's file.
            OutputMarker.Add(directory, ReportWriter.Files(report));
            await ReportWriter.WriteAsync(directory, report, cancellationToken).ConfigureAwait(false);
            refresher.Written(now, progress.Finished);
            Writes++;
        }
#pragma warning disable CA1031 // A live refresh is a convenience: whatever breaks it must not break the run (warned once).
        catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
        {
            _disabled = true;
            await warnings.WriteLineAsync($"warning: live report in '{directory}' not refreshed any more: {PointResult.OneLine(e.Message)}").ConfigureAwait(false);
        }
    }
}
