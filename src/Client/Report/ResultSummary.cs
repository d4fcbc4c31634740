using System.Globalization;
using ContrastiveOrleans.Experiments.Abstractions;
using ContrastiveOrleans.Grains.Contracts;

namespace ContrastiveOrleans.Client.Report;

/// <summary>
/// What the report says about the results, accumulated as they stream past (an output of 10⁶ points is never held):
/// counts, the summed point time, the first failures, the first <see cref="MaxPointsKept"/> points (the page's table and
/// learning curves), the distinct provenance values, and the α values conformal coverage plots draw targets for.
/// </summary>
public sealed class ResultSummary
{
    /// <summary>Failures kept for the page (the console lists 50; points.jsonl has all).</summary>
    public const int MaxFailuresKept = 200;

    /// <summary>Points the page lists (a larger sweep's full table is points.jsonl, or `report --format`).</summary>
    public const int MaxPointsKept = 5000;

    /// <summary>Distinct values kept per provenance field (more are counted, not listed).</summary>
    public const int MaxProvenanceValues = 8;

    private readonly List<PointResult> _failures = [];
    private readonly List<PointResult> _points = [];
    private readonly SortedDictionary<string, SortedSet<string>> _provenance = new(StringComparer.Ordinal);
    private readonly SortedSet<double> _alphas = [];

    public long Finished => Done + Failed + Stopped;

    /// <summary>Ended early by an adaptive search's stopping rule (median).</summary>
    public long Stopped { get; private set; }

    public long Done { get; private set; }

    public long Failed { get; private set; }

    public long Cached { get; private set; }

    public long ComputeMs { get; private set; }

    public IReadOnlyList<PointResult> Failures => _failures;

    /// <summary>The sweep's claims, checked as results are added (null: none declared, or a live summary).</summary>
    public ClaimChecker? Claims { get; init; }

    /// <summary>The first <see cref="MaxPointsKept"/> results, in the order they came (sweep order for an output).</summary>
    public IReadOnlyList<PointResult> Points => _points;

    /// <summary>Computed results seen with a provenance (results stored before it was recorded have none).</summary>
    public long WithProvenance { get; private set; }

    public DateTimeOffset? FirstStart { get; private set; }

    public DateTimeOffset? LastFinish { get; private set; }

    /// <summary>Per provenance field (tool, commit, ...), its distinct values (up to <see cref="MaxProvenanceValues"/> + 1).</summary>
    public IReadOnlyDictionary<string, SortedSet<string>> Provenance => _provenance;

    /// <summary>Distinct values of the α parameter, up to one more than <see cref="CoverageTarget.MaxLines"/>.</summary>
    public IReadOnlyCollection<double> Alphas => _alphas;

    public void Add(PointResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Status == PointStatus.Done)
        {
            Done++;
            if (result.Cached) Cached++;
        }
        else if (result.Status == PointStatus.Failed)
        {
            Failed++;
            if (_failures.Count < MaxFailuresKept) _failures.Add(result);
        }
        else if (result.Status == PointStatus.Stopped)
        {
            Stopped++;
        }
        ComputeMs += result.DurationMs;
        Claims?.Add(result);
        if (_points.Count < MaxPointsKept) _points.Add(result);
        if (result.Provenance is { } p)
        {
            WithProvenance++;
            if (FirstStart is null || p.StartedAt < FirstStart) FirstStart = p.StartedAt;
            if (LastFinish is null || p.FinishedAt > LastFinish) LastFinish = p.FinishedAt;
            Note("tool", p.Commit is null ? p.Tool : $"{p.Tool}+{p.Commit}");
            Note("experiment version", p.ExperimentVersion);
            Note("TorchSharp", p.TorchSharp);
            Note("libtorch", p.LibTorch);
            Note("device", p.Device);
            Note("threads per point", p.Threads.ToString(CultureInfo.InvariantCulture));
            Note("host", p.Host);
        }
        if (_alphas.Count <= CoverageTarget.MaxLines && result.ParamsJson.Contains($"\"{CoverageTarget.AlphaParameter}\"", StringComparison.Ordinal)
            && ParameterSet.FromJson(result.ParamsJson).TryGetValue(CoverageTarget.AlphaParameter, out var alpha) && alpha is double or long)
        {
            _alphas.Add(Convert.ToDouble(alpha, CultureInfo.InvariantCulture));
        }
    }

    private void Note(string field, string? value)
    {
        if (value is null) return;
        if (!_provenance.TryGetValue(field, out var values)) _provenance[field] = values = new SortedSet<string>(StringComparer.Ordinal);
        if (values.Count <= MaxProvenanceValues) values.Add(value);
    }

    /// <summary>A running sweep's counts (from its progress) with the failures it holds.</summary>
    public static ResultSummary Of(SweepProgress progress, IEnumerable<PointResult> failures)
    {
        ArgumentNullException.ThrowIfNull(progress);
        ArgumentNullException.ThrowIfNull(failures);
        var summary = new ResultSummary { Done = progress.Done, Failed = progress.Failed, Cached = progress.Cached };
        summary._failures.AddRange(failures.Take(MaxFailuresKept));
        return summary;
    }

    public static ResultSummary Of(IEnumerable<PointResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var summary = new ResultSummary();
        foreach (var result in results) summary.Add(result);
        return summary;
    }
}
