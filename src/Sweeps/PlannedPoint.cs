namespace ContrastiveOrleans.Sweeps;

/// <summary>One point of a sweep: content-addressed by <paramref name="Id"/> (hash of experiment, version, resolved
/// params and seed), at <paramref name="Index"/> in the sweep's index space.</summary>
/// <param name="Index">(cell × draws + draw) × seeds + seed position: computable from the spec alone, with gaps where a
/// random draw repeats an earlier draw of its cell.</param>
/// <param name="ParamsJson">Resolved parameters as canonical JSON (defaults filled in).</param>
public sealed record PlannedPoint(long Index, string Id, string Experiment, string ParamsJson, int Seed);
