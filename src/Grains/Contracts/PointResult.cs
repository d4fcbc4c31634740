namespace ContrastiveOrleans.Grains.Contracts;

/// <summary>The outcome of one point, as stored and as written to points.jsonl.</summary>
/// <param name="ParamsJson">Resolved parameters as canonical JSON.</param>
/// <param name="Cached">True when this run reused a stored result instead of computing it.</param>
[GenerateSerializer, Immutable]
public sealed record PointResult(
    string Id,
    string Experiment,
    string ParamsJson,
    int Seed,
    PointStatus Status,
    Dictionary<string, double> Metrics,
    string? Error,
    long DurationMs,
    bool Cached = false)
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
