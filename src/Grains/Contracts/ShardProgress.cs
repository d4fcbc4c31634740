using System.Collections.Immutable;

namespace ContrastiveOrleans.Grains.Contracts;

/// <summary>What one shard of a sweep has recorded (distinct points of its index range).</summary>
/// <param name="Finished">The shard has run (or been cancelled) to the end of its range.</param>
[GenerateSerializer, Immutable]
public sealed record ShardProgress(
    [Id(0)] int Shard,
    [Id(1)] bool Finished,
    [Id(2)] long Done,
    [Id(3)] long Failed,
    [Id(4)] long Cached,
    [Id(5)] long Running,
    [Id(6)] ImmutableArray<KindProgress> Kinds = default);
