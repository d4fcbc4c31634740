using ContrastiveOrleans.Sweeps;
using ContrastiveOrleans.Grains.Contracts;

namespace ContrastiveOrleans.Client.Report;

/// <summary>Everything report.html and the plots show, as of one moment of a run (or rebuilt from an output dir).</summary>
/// <param name="SpecYaml">The resolved sweep file (sweep.yaml), shown verbatim.</param>
/// <param name="Total">Points in the sweep.</param>
/// <param name="WallTime">Elapsed run time; null when unknown (a report rebuilt from files).</param>
/// <param name="Live">A refresh during a run: the page reloads itself and says it is incomplete.</param>
public sealed record ReportSnapshot(
    string Name,
    string Experiment,
    string SpecYaml,
    IReadOnlyList<CurveSpec> Curves,
    ResultSummary Summary,
    IReadOnlyList<CurveRow> Rows,
    long Total,
    TimeSpan? WallTime,
    bool Live,
    DateTimeOffset GeneratedAt)
{
    /// <summary>The parsed sweep (grid order, metric ranges, random dimensions for the plots); null in older callers.</summary>
    public SweepSpec? Spec { get; init; }

    /// <summary>Verdicts from the sweep's claim folds while it runs (differences unpaired until the end); null when the
    /// summary checks the claims itself (a final page) or there are none.</summary>
    public IReadOnlyList<ClaimVerdict>? LiveClaims { get; init; }

    /// <summary>The claims' verdicts the page shows, or null without claims.</summary>
    public IReadOnlyList<ClaimVerdict>? Verdicts => _verdicts ??= Summary.Claims is { Count: > 0 } claims ? claims.Verdicts() : LiveClaims;

    private IReadOnlyList<ClaimVerdict>? _verdicts;

    /// <summary>The parameter the learning curves are grouped by: the first curve's series, if any.</summary>
    public string? LearningGroup => Curves.Select(c => c.Series).FirstOrDefault(s => s is not null);

    public bool HasLearningCurves => Summary.Points.Any(p => p.Curve is not null);

    public long Done => Summary.Done;

    public long Failed => Summary.Failed;

    public long Cached => Summary.Cached;

    public IReadOnlyList<CurveRow> RowsOf(CurveSpec curve)
    {
        ArgumentNullException.ThrowIfNull(curve);
        return [.. Rows.Where(r => r.Curve == curve.Name)];
    }
}
