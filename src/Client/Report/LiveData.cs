using ContrastiveOrleans.Grains.Contracts;

namespace ContrastiveOrleans.Client.Report;

/// <summary>What a live refresh fetches from the sweep: the failures it holds, the curve rows and the claim folds.</summary>
public sealed record LiveData(IReadOnlyList<PointResult> Failures, IReadOnlyList<CurveRow> Rows, IReadOnlyList<ClaimFoldState> Claims)
{
    public static LiveData Empty { get; } = new([], [], []);
}
