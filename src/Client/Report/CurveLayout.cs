using ContrastiveOrleans.Experiments.Abstractions;
using ContrastiveOrleans.Grains.Stats;
using ContrastiveOrleans.Sweeps;

namespace ContrastiveOrleans.Client.Report;

/// <summary>
/// What a plot takes from the sweep besides its rows: the grid's order of x and series values (so a baseline listed
/// first is drawn first), the metric's declared range (bands are clipped to it: a coverage interval never crosses 1),
/// and whether x was drawn at random (points, not a line through unrelated draws).
/// </summary>
public sealed record CurveLayout(IReadOnlyList<string>? XOrder, IReadOnlyList<string>? SeriesOrder, MetricSpec? Metric, bool RandomX)
{
    public static readonly CurveLayout None = new(null, null, null, false);

    public static CurveLayout For(SweepSpec? spec, CurveSpec curve)
    {
        ArgumentNullException.ThrowIfNull(curve);
        if (spec is null) return None;
        return new CurveLayout(
            GridOrder(spec, curve.X),
            curve.Series is null ? null : GridOrder(spec, curve.Series),
            spec.Experiment.MetricSpecs.FirstOrDefault(m => m.Name == curve.Metric),
            spec.Random?.Space.Any(d => d.Name == curve.X) == true);
    }

    /// <summary>The values of a grid axis (or a random choice) in the file's order, as curve rows spell them.</summary>
    private static List<string>? GridOrder(SweepSpec spec, string name)
    {
        if (spec.Grid.FirstOrDefault(a => a.Name == name) is { } axis) return [.. axis.Values.Select(CurveAggregator.Text)];
        if (spec.Random?.Space.FirstOrDefault(d => d.Name == name) is { Choices.Count: > 0 } choice) return [.. choice.Choices.Select(CurveAggregator.Text)];
        return null;
    }

    /// <summary>A bound clipped into the metric's declared range.</summary>
    public double Clip(double value)
    {
        if (Metric?.Min is { } min && value < min) return min;
        if (Metric?.Max is { } max && value > max) return max;
        return value;
    }

    /// <summary>Sorts values by <paramref name="order"/> (unlisted ones after, in their own order).</summary>
    public static IEnumerable<T> InOrder<T>(IEnumerable<T> items, Func<T, string> key, IReadOnlyList<string>? order)
    {
        if (order is null) return items;
        return items.Select((item, i) => (item, i)).OrderBy(p =>
        {
            var at = -1;
            for (var k = 0; k < order.Count; k++)
            {
                if (order[k] == key(p.item))
                {
                    at = k;
                    break;
                }
            }
            return at < 0 ? int.MaxValue : at;
        }).ThenBy(p => p.i).Select(p => p.item);
    }
}
