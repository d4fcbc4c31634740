namespace ContrastiveOrleans.Grains.Contracts;

/// <summary>The outcome of one point, as stored and as written to points.jsonl.</summary>
/// <param name="ParamsJson">Resolved parameters as canonical JSON.</param>
/// <param name="Cached">True when this run reused a stored result instead of computing it.</param>
/// <param name="RunId">The sweep run that computed it (null for results stored before runs were recorded): a later
/// run that finds it in the store reports it as reused.</param>
/// <param name="Provenance">What computed it, where and when (null for results stored before it was recorded).</param>
/// <param name="Curve">The training loss over the run (null for an experiment that does not train, and for failures).</param>
/// <param name="Search">Where an adaptive search put the point (its unit, rung and why), added when a sweep's results
/// are read; never stored with the result, which is the point's alone.</param>
/// <remarks>Ids are explicit and never reused: they are those an earlier positional layout had implicitly, so stored
/// records of that version still read (a test holds one).</remarks>
[GenerateSerializer, Immutable]
public sealed record PointResult(
    [Id(0)] string Id,
    [Id(1)] string Experiment,
    [Id(2)] string ParamsJson,
    [Id(3)] int Seed,
    [Id(4)] PointStatus Status,
    [Id(5)] Dictionary<string, double> Metrics,
    [Id(6)] string? Error,
    [Id(7)] long DurationMs,
    [Id(8)] bool Cached = false,
    [Id(9)] string? RunId = null,
    [Id(10)] PointProvenance? Provenance = null,
    [Id(11)] LearningCurve? Curve = null,
    [Id(12)] SearchMark? Search = null)
{
    public static PointResult Failure(SweepPoint point, string error, long durationMs = 0)
    {
        ArgumentNullException.ThrowIfNull(point);
        return new(point.Id, point.Experiment, point.ParamsJson, point.Seed, PointStatus.Failed, [], OneLine(error), durationMs);
    }

    public static PointResult Cancellation(SweepPoint point)
    {
        ArgumentNullException.ThrowIfNull(point);
        return new(point.Id, point.Experiment, point.ParamsJson, point.Seed, PointStatus.Cancelled, [], "cancelled", 0);
    }

    /// <summary>Errors are listed one per line on stderr, so exception text is flattened.</summary>
    public static string OneLine(string text) =>
        string.Join(" | ", (text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
