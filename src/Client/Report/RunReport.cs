using ContrastiveOrleans.Grains.Contracts;
using ContrastiveOrleans.Sweeps;

namespace ContrastiveOrleans.Client.Report;

/// <summary>The report of `contrastive run`: live refreshes while the sweep runs, and the final page and plots that
/// go into the output directory with points.jsonl (in the same atomic replace).</summary>
public static class RunReport
{
    public static ReportSnapshot Snapshot(SweepPlan plan, ResultSummary summary, IReadOnlyList<CurveRow> rows, TimeSpan wallTime, bool live)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return new ReportSnapshot(plan.Spec.Name, plan.Spec.Experiment.Name, SweepYamlWriter.Format(plan), plan.Spec.Curves,
            summary, rows, plan.Count, wallTime, live, DateTimeOffset.UtcNow) { Spec = plan.Spec };
    }

    public static LiveReport Live(string outDir, SweepPlan plan, DateTimeOffset started, ISweepGrain sweep, TextWriter warnings)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        return new LiveReport(
            outDir,
            new ReportRefresher(ReportRefresher.DefaultInterval),
            TimeProvider.System,
            async () => new LiveData(await sweep.GetFailures(ResultSummary.MaxFailuresKept).ConfigureAwait(false), await sweep.GetCurves().ConfigureAwait(false),
                plan.Spec.Claims.Count == 0 ? [] : await sweep.GetClaims().ConfigureAwait(false)),
            (data, progress) => Snapshot(plan, ResultSummary.Of(progress, data.Failures), data.Rows, DateTimeOffset.UtcNow - started, live: true) with
            {
                LiveClaims = plan.Spec.Claims.Count == 0 ? null : ClaimChecker.Live(plan.Spec, data.Claims),
            },
            warnings);
    }

    /// <summary>
    /// Fills the output directory's temp copy with plots/ and report.html before it is renamed into place. The
    /// results matter more than their pictures: if the report cannot be made (say the plotting library's native
    /// code fails to load), it warns, leaves the report out and lets points.jsonl and curves.csv land.
    /// </summary>
    /// <param name="wallTime">Elapsed time when the report is written; null when unknown (`results` of a cluster sweep).</param>
    public static Func<string, ResultSummary, IReadOnlyList<CurveRow>, Task> Final(SweepPlan plan, Func<TimeSpan?> wallTime, TextWriter warnings)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(wallTime);
        ArgumentNullException.ThrowIfNull(warnings);
        return async (temp, summary, rows) =>
        {
            try
            {
                var snapshot = new ReportSnapshot(plan.Spec.Name, plan.Spec.Experiment.Name, SweepYamlWriter.Format(plan), plan.Spec.Curves,
                    summary, rows, plan.Count, wallTime(), Live: false, DateTimeOffset.UtcNow) { Spec = plan.Spec };
                await ReportWriter.WriteAsync(temp, snapshot, CancellationToken.None).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // Any failure of the report must not cost the run its results; it is reported, not swallowed.
            catch (Exception e)
#pragma warning restore CA1031
            {
                var plots = Path.Combine(temp, ReportWriter.PlotsDirectory);
                if (Directory.Exists(plots)) Directory.Delete(plots, recursive: true);
                File.Delete(Path.Combine(temp, ReportWriter.ReportFile));
                await warnings.WriteLineAsync($"warning: report.html and plots/ not written: {PointResult.OneLine(e.Message)}").ConfigureAwait(false);
            }
        };
    }
}
