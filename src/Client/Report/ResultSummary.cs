using System.Globalization;
using ContrastiveOrleans.Experiments.Abstractions;
using ContrastiveOrleans.Grains.Contracts;

namespace ContrastiveOrleans.Client.Report;

/// <summary>
/// What the report says about the results, accumulated as they stream past (an output of 10⁶ points is never held):
/// counts, the summed point time, the first failures, and the α values conformal coverage plots draw targets for.
/// </summary>
public sealed class ResultSummary
{
    /// <summary>Failures kept for the page (the console lists 50; points.jsonl has all).</summary>
    public const int MaxFailuresKept = 200;

    private readonly List<PointResult> _failures = [];
    private readonly SortedSet<double> _alphas = [];

    public long Finished => Done + Failed;

    public long Done { get; private set; }

    public long Failed { get; private set; }

    public long Cached { get; private set; }

    public long ComputeMs { get; private set; }

    public IReadOnlyList<PointResult> Failures => _failures;

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
        ComputeMs += result.DurationMs;
        if (_alphas.Count <= CoverageTarget.MaxLines && result.ParamsJson.Contains($"\"{CoverageTarget.AlphaParameter}\"", StringComparison.Ordinal)
            && ParameterSet.FromJson(result.ParamsJson).TryGetValue(CoverageTarget.AlphaParameter, out var alpha) && alpha is double or long)
        {
            _alphas.Add(Convert.ToDouble(alpha, CultureInfo.InvariantCulture));
        }
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
