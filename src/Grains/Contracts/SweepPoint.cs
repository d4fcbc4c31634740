namespace ContrastiveOrleans.Grains.Contracts;

/// <summary>One run of a sweep: content-addressed by <paramref name="Id"/> (hash of experiment, version, params, seed).</summary>
/// <param name="ParamsJson">Resolved parameters as canonical JSON (defaults filled in).</param>
[GenerateSerializer, Immutable]
public sealed record SweepPoint(
    [Id(0)] string Id,
    [Id(1)] string Experiment,
    [Id(2)] string ParamsJson,
    [Id(3)] int Seed);
