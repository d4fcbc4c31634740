using ContrastiveOrleans.Experiments.Abstractions;
using ContrastiveOrleans.Grains.Contracts;
using ContrastiveOrleans.Grains.Storage;

namespace ContrastiveOrleans.Client.Report;

/// <summary>
/// points.jsonl flattened to one row per point: id, seed, status, error, duration_ms, cached, then `params.NAME` and
/// `metrics.NAME` columns (sorted), then the `provenance.*` columns. The prefixes are pandas.json_normalize's and keep a metric named like a fixed
/// column (bench-noop's `seed`) apart from it.
/// </summary>
public sealed class PointsTable
{
    public static readonly string[] FixedColumns = ["id", "seed", "status", "error", "duration_ms", "cached"];

    /// <summary>Where and how each point ran, as text (empty for results stored before provenance was recorded).</summary>
    public static readonly string[] ProvenanceColumns =
    [
        "provenance.host", "provenance.device", "provenance.threads", "provenance.started_at", "provenance.finished_at",
        "provenance.tool", "provenance.commit", "provenance.experiment_version", "provenance.torchsharp", "provenance.libtorch",
    ];

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
        FixedColumns.Concat(ParamNames.Select(p => "params." + p)).Concat(MetricNames.Select(m => "metrics." + m)).Concat(ProvenanceColumns);

    public static PointsTable From(IReadOnlyList<PointResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var parameters = results.Select(r => ParameterSet.FromJson(r.ParamsJson)).ToList();
        var paramNames = parameters.SelectMany(p => p.Keys).Distinct().Order(StringComparer.Ordinal).ToList();
        var metricNames = results.SelectMany(r => r.Metrics.Keys).Distinct().Order(StringComparer.Ordinal).ToList();
        return new PointsTable(results, paramNames, metricNames, parameters);
    }

    /// <summary>The values of <see cref="ProvenanceColumns"/> for one result (nulls where it has none).</summary>
    public static string?[] Provenance(PointResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Provenance is not { } p) return new string?[ProvenanceColumns.Length];
        return
        [
            p.Host, p.Device, p.Threads.ToString(System.Globalization.CultureInfo.InvariantCulture),
            p.StartedAt.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            p.FinishedAt.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            p.Tool, p.Commit, p.ExperimentVersion, p.TorchSharp, p.LibTorch,
        ];
    }

    public static string Status(PointResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return PointResultJson.StatusText(result.Status);
    }
}
