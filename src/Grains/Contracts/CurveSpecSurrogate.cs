using ContrastiveOrleans.Sweeps;

namespace ContrastiveOrleans.Grains.Contracts;

/// <summary>The wire form of <see cref="CurveSpec"/>, which lives in the planning project (no Orleans there).</summary>
[GenerateSerializer, Immutable]
public readonly record struct CurveSpecSurrogate(
    [property: Id(0)] string Name,
    [property: Id(1)] string X,
    [property: Id(2)] string? Series,
    [property: Id(3)] string Metric);
