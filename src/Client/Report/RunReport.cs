using ContrastiveOrleans.Grains.Contracts;
using ContrastiveOrleans.Grains.Sweeps;

namespace ContrastiveOrleans.Client.Report;

/// <summary>The report of `contrastive run`: live refreshes while the sweep runs, and the final page and plots that
/// go into the output directory with points.jsonl (in the same atomic replace).</summary>
public static class RunReport
{
    public static ReportSnapshot Snapshot(SweepPlan plan, IReadOnlyList<PointResult> results, IReadOnlyList<CurveRow> rows, TimeSpan wallTime, bool live)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return new ReportSnapshot(plan.Spec.Name, plan.Spec.Experiment.Name, SweepYamlWriter.Format(plan), plan.Spec.Curves,
            results, rows, plan.Points.Count, wallTime, live, DateTimeOffset.UtcNow);
    }

    public static LiveReport Live(string outDir, SweepPlan plan, DateTimeOffset started, ISweepGrain sweep, IAggregatorGrain aggregator, TextWriter warnings)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        ArgumentNullException.ThrowIfNull(aggregator);
        return new LiveReport(
            outDir,
            new ReportRefresher(ReportRefresher.DefaultInterval),
            TimeProvider.System,
            async () => (await sweep.GetAllResults().ConfigureAwait(false), await aggregator.GetCurves().ConfigureAwait(false)),
            (results, rows, _) => Snapshot(plan, results, rows, DateTimeOffset.UtcNow - started, live: true),
            warnings);
    }

    /// <summary>Fills the output directory's temp copy with plots/ and report.html before it is renamed into place.</summary>
    public static Func<string, Task> Final(SweepPlan plan, IReadOnlyList<PointResult> results, IReadOnlyList<CurveRow> rows, TimeSpan wallTime) =>
        temp => ReportWriter.WriteAsync(temp, Snapshot(plan, results, rows, wallTime, live: false), CancellationToken.None);
}
