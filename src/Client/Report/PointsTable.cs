using ContrastiveOrleans.Experiments.Abstractions;
using ContrastiveOrleans.Grains.Contracts;
using ContrastiveOrleans.Grains.Storage;

namespace ContrastiveOrleans.Client.Report;

/// <summary>
/// points.jsonl flattened to one row per point: id, seed, status, error, duration_ms, cached, then `params.NAME` and
/// `metrics.NAME` columns (sorted). The prefixes are pandas.json_normalize's and keep a metric named like a fixed
/// column (bench-noop's `seed`) apart from it.
/// </summary>
public sealed class PointsTable
{
    public static readonly string[] FixedColumns = ["id", "seed", "status", "error", "duration_ms", "cached"];

    private PointsTable(IReadOnlyList<PointResult> results, IReadOnlyList<string> paramNames, IReadOnlyList<string> metricNames,
        IReadOnlyList<ParameterSet> parameters)
    {
        Results = results;
        ParamNames = paramNames;
        MetricNames = metricNames;
        Parameters = parameters;
    }

    public IReadOnlyList<PointResult> Results { get; }

    public IReadOnlyList<string> ParamNames { get; }

    public IReadOnlyList<string> MetricNames { get; }

    /// <summary>Each result's parameters, parsed once.</summary>
    public IReadOnlyList<ParameterSet> Parameters { get; }

    public IEnumerable<string> Columns =>
        FixedColumns.Concat(ParamNames.Select(p => "params." + p)).Concat(MetricNames.Select(m => "metrics." + m));

    public static PointsTable From(IReadOnlyList<PointResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var parameters = results.Select(r => ParameterSet.FromJson(r.ParamsJson)).ToList();
        var paramNames = parameters.SelectMany(p => p.Keys).Distinct().Order(StringComparer.Ordinal).ToList();
        var metricNames = results.SelectMany(r => r.Metrics.Keys).Distinct().Order(StringComparer.Ordinal).ToList();
        return new PointsTable(results, paramNames, metricNames, parameters);
    }

    public static string Status(PointResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return PointResultJson.StatusText(result.Status);
    }
}
