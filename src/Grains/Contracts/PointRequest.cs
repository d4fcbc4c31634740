namespace ContrastiveOrleans.Grains.Contracts;

/// <summary>Asks a point grain to produce its result on <paramref name="Device"/> ("cpu", "cuda" or "auto").</summary>
[GenerateSerializer, Immutable]
public sealed record PointRequest(SweepPoint Point, string Device);
