namespace ContrastiveOrleans.Grains.Contracts;

/// <summary>Asks a point grain to produce its result on <paramref name="Device"/> ("cpu", "cuda" or "auto").</summary>
/// <param name="RunId">The sweep run asking: stored with a computed result (provenance, and "reused" for later runs).</param>
/// <param name="Pack">Up to this many points of the run whose shapes agree may train as one program (0 or 1: alone).</param>
/// <param name="Stop">The early-stopping rule the training runs under (median stopping), or null.</param>
[GenerateSerializer, Immutable]
public sealed record PointRequest(
    [Id(0)] SweepPoint Point,
    [Id(1)] string Device,
    [Id(2)] string? RunId = null,
    [Id(3)] int Pack = 0,
    [Id(4)] PointStopRule? Stop = null);
