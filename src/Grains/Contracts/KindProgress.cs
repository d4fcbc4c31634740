namespace ContrastiveOrleans.Grains.Contracts;

/// <summary>Finished points of one cost kind (Sweeps.CostKind) and the run time of those computed (not reused).</summary>
[GenerateSerializer, Immutable]
public sealed record KindProgress(
    [Id(0)] string Kind,
    [Id(1)] long Finished,
    [Id(2)] long Computed,
    [Id(3)] long ComputeMs);
