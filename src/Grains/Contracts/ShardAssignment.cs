namespace ContrastiveOrleans.Grains.Contracts;

/// <summary>A shard's part of a sweep: index range [<paramref name="From"/>, <paramref name="To"/>) and how many of
/// its points may be in flight at once.</summary>
[GenerateSerializer, Immutable]
public sealed record ShardAssignment(
    [Id(0)] string RunId,
    [Id(1)] int Shard,
    [Id(2)] long From,
    [Id(3)] long To,
    [Id(4)] int Limit);
