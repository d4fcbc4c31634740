namespace ContrastiveOrleans.Grains.Contracts;

/// <summary>
/// A submitted sweep: its resolved sweep file and how to run it. No points: every silo expands the file itself
/// (Sweeps.SweepPlan), so the definition, its messages and its stored state are the size of the file, whatever the
/// number of points.
/// </summary>
/// <param name="MaxConcurrency">Points in flight at once; 0 means the cluster's worker slots.</param>
/// <param name="ResolvedSpec">The resolved sweep file (sweep.yaml).</param>
/// <param name="SkipMemoryCheck">--force: run even if the largest point exceeds the silo's memory budget.</param>
/// <param name="Pack">resources.pack: up to this many queued points of equal shapes train as one program (0: alone).</param>
/// <remarks>Ids 2 and 3 (the point list and the curves of the earlier layout) are retired, never reused.</remarks>
[GenerateSerializer, Immutable]
public sealed record SweepDefinition(
    [Id(0)] string SweepId,
    [Id(1)] string Name,
    [Id(4)] string Device,
    [Id(5)] int MaxConcurrency,
    [Id(6)] string ResolvedSpec,
    [Id(7)] bool SkipMemoryCheck = false,
    [Id(8)] int Pack = 0);
