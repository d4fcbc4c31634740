using System.Text.Json;
using ContrastiveOrleans.Experiments.Abstractions;
using ContrastiveOrleans.Grains.Contracts;
using ContrastiveOrleans.Sweeps;

namespace ContrastiveOrleans.Grains.Stats;

/// <summary>
/// Folds done results into exact moments per (curve, series value, x value, metric); rows carry the mean and the 95%
/// Student-t interval over the points seen so far. Pure, so the shards, the client writing an output directory and
/// `contrastive report` compute the same rows; partial folds (one per shard) combine exactly, and the state is one
/// constant-size group per row, not the values.
/// </summary>
public sealed class CurveAggregator(IReadOnlyList<CurveSpec> curves)
{
    private readonly Dictionary<(int Curve, string Series, string X), (object? SeriesValue, object XValue, ExactMoments Stats)> _groups = [];

    public IReadOnlyList<CurveSpec> Curves { get; } = curves ?? throw new ArgumentNullException(nameof(curves));

    public void Add(PointResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Status != PointStatus.Done || Curves.Count == 0) return;
        Add(result, ParameterSet.FromJson(result.ParamsJson));
    }

    /// <summary>Adds a result whose parameters the caller has parsed already.</summary>
    public void Add(PointResult result, ParameterSet parameters)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(parameters);
        if (result.Status != PointStatus.Done) return;
        for (var c = 0; c < Curves.Count; c++)
        {
            var curve = Curves[c];
            if (!parameters.TryGetValue(curve.X, out var x) || !result.Metrics.TryGetValue(curve.Metric, out var value) || !double.IsFinite(value)) continue;
            if (curve.IsPooledRepeat(parameters)) continue;
            object? series = null;
            if (curve.Series is not null && !parameters.TryGetValue(curve.Series, out series)) continue;
            if (curve.GroupBy.Count > 0) series = Label(curve, series, parameters);
            Group(c, series, x).Add(value);
        }
    }

    /// <summary>
    /// The line of a curve with axes to group by: its series value and each grouped axis's value, e.g.
    /// "infonce · lr=0.1, temperature=0.5" (or "lr=0.1, temperature=0.5" without a series).
    /// </summary>
    public static string Label(CurveSpec curve, object? series, ParameterSet parameters)
    {
        ArgumentNullException.ThrowIfNull(curve);
        ArgumentNullException.ThrowIfNull(parameters);
        var groups = string.Join(", ", curve.GroupBy.Select(a => $"{a}={(parameters.TryGetValue(a, out var v) ? Text(v) : "")}"));
        return series is null ? groups : $"{Text(series)} · {groups}";
    }

    /// <summary>Adds another fold of the same curves (a shard's), exactly.</summary>
    public void Add(IEnumerable<CurveGroupState> groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        foreach (var g in groups)
        {
            if (g.Curve < 0 || g.Curve >= Curves.Count) continue;
            Group(g.Curve, g.SeriesJson is null ? null : FromJson(g.SeriesJson), FromJson(g.XJson)).Add(ExactMoments.FromState(g.N, g.Sum, g.Squares));
        }
    }

    /// <summary>The fold's state, for another aggregator's <see cref="Add(IEnumerable{CurveGroupState})"/>.</summary>
    public IReadOnlyList<CurveGroupState> State() =>
        [.. _groups.Select(g =>
        {
            var (n, sum, squares) = g.Value.Stats.ToState();
            return new CurveGroupState(g.Key.Curve, g.Value.SeriesValue is null ? null : ToJson(g.Value.SeriesValue), ToJson(g.Value.XValue), n, sum, squares);
        })];

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
                return new CurveRow(curve.Name, g.Key.Series, g.Key.X, curve.Metric, stats.Mean, low, high, checked((int)stats.N));
            })];

    private ExactMoments Group(int curve, object? series, object x)
    {
        var key = (curve, series is null ? "" : Text(series), Text(x));
        if (!_groups.TryGetValue(key, out var group))
        {
            group = (series, x, new ExactMoments());
            _groups[key] = group;
        }
        return group.Stats;
    }

    /// <summary>The text form of a parameter value in curves.csv (round-trip numbers).</summary>
    public static string Text(object value) => value switch
    {
        double d => d.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        long l => l.ToString(System.Globalization.CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        _ => value.ToString() ?? "",
    };

    private static string ToJson(object value) => new ParameterSet([new("v", value)]).ToCanonicalJson();

    private static object FromJson(string json)
    {
        using var document = JsonDocument.Parse(json);
        return ParameterSet.FromJson(document.RootElement)["v"];
    }
}
