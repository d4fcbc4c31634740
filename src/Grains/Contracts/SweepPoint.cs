namespace ContrastiveOrleans.Grains.Contracts;

/// <summary>One run of a sweep: content-addressed by <paramref name="Id"/> (hash of experiment, version, params, seed).</summary>
/// <param name="ParamsJson">Resolved parameters as canonical JSON (defaults filled in).</param>
[GenerateSerializer, Immutable]
public sealed record SweepPoint(string Id, string Experiment, string ParamsJson, int Seed);
