using System.Collections.Immutable;
using ContrastiveOrleans.Experiments.Abstractions;
using ContrastiveOrleans.Grains.Contracts;
using ContrastiveOrleans.Grains.Stats;

namespace ContrastiveOrleans.Grains;

/// <summary>
/// Folds done results into running statistics per (curve, series value, x value, metric); rows carry the mean and
/// the 95% Student-t interval over the seeds seen so far.
/// </summary>
public sealed class AggregatorGrain : Grain, IAggregatorGrain
{
    private ImmutableArray<CurveSpec> _curves = [];
    private readonly Dictionary<(int Curve, string Series, string X), (object? SeriesValue, object XValue, RunningStats Stats)> _groups = [];

    public Task Configure(ImmutableArray<CurveSpec> curves)
    {
        _curves = curves;
        _groups.Clear();
        return Task.CompletedTask;
    }

    public Task Add(PointResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Status != PointStatus.Done || _curves.IsEmpty) return Task.CompletedTask;
        var parameters = ParameterSet.FromJson(result.ParamsJson);
        for (var c = 0; c < _curves.Length; c++)
        {
            var curve = _curves[c];
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
        return Task.CompletedTask;
    }

    public Task<ImmutableArray<CurveRow>> GetCurves()
    {
        var rows = _groups
            .OrderBy(g => g.Key.Curve)
            .ThenBy(g => g.Value.SeriesValue, ValueComparer.Instance)
            .ThenBy(g => g.Value.XValue, ValueComparer.Instance)
            .Select(g =>
            {
                var curve = _curves[g.Key.Curve];
                var stats = g.Value.Stats;
                var (low, high) = stats.ConfidenceInterval();
                return new CurveRow(curve.Name, g.Key.Series, g.Key.X, curve.Metric, stats.Mean, low, high, stats.N);
            });
        return Task.FromResult(rows.ToImmutableArray());
    }

    public static string Text(object value) => value switch
    {
        double d => d.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        long l => l.ToString(System.Globalization.CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        _ => value.ToString() ?? "",
    };
}
