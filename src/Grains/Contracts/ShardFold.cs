using System.Collections.Immutable;

namespace ContrastiveOrleans.Grains.Contracts;

/// <summary>A shard's partial folds of its done results: the curves' groups and the claims' parts.</summary>
[GenerateSerializer, Immutable]
public sealed record ShardFold(
    [Id(0)] ImmutableArray<CurveGroupState> Curves,
    [Id(1)] ImmutableArray<ClaimFoldState> Claims)
{
    public static ShardFold Empty { get; } = new([], []);
}
