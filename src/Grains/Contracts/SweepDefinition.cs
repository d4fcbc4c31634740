using ContrastiveOrleans.Sweeps;
using System.Collections.Immutable;

namespace ContrastiveOrleans.Grains.Contracts;

/// <summary>A fully resolved sweep as the sweep grain runs it.</summary>
/// <param name="MaxConcurrency">Points in flight at once; 0 means the silo's worker slots.</param>
/// <param name="ResolvedSpec">The resolved sweep file (sweep.yaml), kept so a client that reconnects can write the
/// output directory without the original file.</param>
[GenerateSerializer, Immutable]
public sealed record SweepDefinition(
    string SweepId,
    string Name,
    ImmutableArray<SweepPoint> Points,
    ImmutableArray<CurveSpec> Curves,
    string Device = "cpu",
    int MaxConcurrency = 0,
    string? ResolvedSpec = null);
