namespace ContrastiveOrleans.Grains.Contracts;

/// <summary>Asks a point grain to produce its result on <paramref name="Device"/> ("cpu", "cuda" or "auto").</summary>
/// <param name="RunId">The sweep run asking: stored with a computed result (provenance, and "reused" for later runs).</param>
[GenerateSerializer, Immutable]
public sealed record PointRequest(
    [Id(0)] SweepPoint Point,
    [Id(1)] string Device,
    [Id(2)] string? RunId = null);
