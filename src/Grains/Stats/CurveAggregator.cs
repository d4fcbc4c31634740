using ContrastiveOrleans.Sweeps;
using ContrastiveOrleans.Experiments.Abstractions;
using ContrastiveOrleans.Grains.Contracts;

namespace ContrastiveOrleans.Grains.Stats;

/// <summary>
/// Folds done results into running statistics per (curve, series value, x value, metric); rows carry the mean and
/// the 95% Student-t interval over the seeds seen so far. Pure, so the aggregator grain and `contrastive report`
/// (which re-aggregates points.jsonl) compute the same rows.
/// </summary>
public sealed class CurveAggregator(IReadOnlyList<CurveSpec> curves)
{
    private readonly Dictionary<(int Curve, string Series, string X), (object? SeriesValue, object XValue, RunningStats Stats)> _groups = [];

    public IReadOnlyList<CurveSpec> Curves { get; } = curves ?? throw new ArgumentNullException(nameof(curves));

    public void Add(PointResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Status != PointStatus.Done || Curves.Count == 0) return;
        var parameters = ParameterSet.FromJson(result.ParamsJson);
        for (var c = 0; c < Curves.Count; c++)
        {
            var curve = Curves[c];
            if (!parameters.TryGetValue(curve.X, out var x) || !result.Metrics.TryGetValue(curve.Metric, out var value)) continue;
            object? series = null;
            if (curve.Series is not null && !parameters.TryGetValue(curve.Series, out series)) continue;
            var key = (c, series is null ? "" : Text(series), Text(x));
            if (!_groups.TryGetValue(key, out var group))
            {
                group = (series, x, new RunningStats());
                _groups[key] = group;
            }
            group.Stats.Add(value);
        }
    }

    /// <summary>Rows in curve order, then series and x value order (numbers numerically).</summary>
    public IReadOnlyList<CurveRow> Rows() =>
        [.. _groups
            .OrderBy(g => g.Key.Curve)
            .ThenBy(g => g.Value.SeriesValue, ValueComparer.Instance)
            .ThenBy(g => g.Value.XValue, ValueComparer.Instance)
            .Select(g =>
            {
                var curve = Curves[g.Key.Curve];
                var stats = g.Value.Stats;
                var (low, high) = stats.ConfidenceInterval();
                return new CurveRow(curve.Name, g.Key.Series, g.Key.X, curve.Metric, stats.Mean, low, high, stats.N);
            })];

    /// <summary>The text form of a parameter value in curves.csv (round-trip numbers).</summary>
    public static string Text(object value) => value switch
    {
        double d => d.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        long l => l.ToString(System.Globalization.CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        _ => value.ToString() ?? "",
    };
}
