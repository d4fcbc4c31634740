namespace ContrastiveOrleans.Sweeps;

/// <summary>One point of an expanded sweep: content-addressed by <paramref name="Id"/> (hash of experiment, version,
/// resolved params and seed).</summary>
/// <param name="ParamsJson">Resolved parameters as canonical JSON (defaults filled in).</param>
public sealed record PlannedPoint(string Id, string Experiment, string ParamsJson, int Seed);
