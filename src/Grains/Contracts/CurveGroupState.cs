namespace ContrastiveOrleans.Grains.Contracts;

/// <summary>
/// One (curve, series, x) group of a partial curve fold, as a shard sends it: the values as canonical JSON scalars and
/// the exact sums (see Stats.ExactMoments), so folds combine to the same bits as one fold over every result.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record CurveGroupState(
    [Id(0)] int Curve,
    [Id(1)] string? SeriesJson,
    [Id(2)] string XJson,
    [Id(3)] long N,
    [Id(4)] byte[] Sum,
    [Id(5)] byte[] Squares);
