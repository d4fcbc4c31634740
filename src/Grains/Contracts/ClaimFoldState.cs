namespace ContrastiveOrleans.Grains.Contracts;

/// <summary>
/// One part of a partial claim fold, as a shard sends it: exact moments (see Stats.ExactMoments) of the values a part
/// of claim <see cref="Claim"/> (index in the sweep file's claims) collects. Parts: "mean" (a mean claim), "a" and "b"
/// (the sides of a difference claim, unpaired), or "law {n} {k} {m}" (covered test anchors of the points with n
/// calibration scores, rank k and m test anchors, for a coverage-law claim), or "{side} log x", "{side} log y" and
/// "{side} log x+y" (a log-log fit; side f for a slope claim, a and b for an efficiency claim).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ClaimFoldState(
    [Id(0)] int Claim,
    [Id(1)] string Part,
    [Id(2)] long N,
    [Id(3)] byte[] Sum,
    [Id(4)] byte[] Squares);
