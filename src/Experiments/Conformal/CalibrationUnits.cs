namespace ContrastiveOrleans.Experiments.Conformal;

/// <summary>What one calibration score is, hence what the 1−α guarantee is about.</summary>
/// <remarks>
/// <list type="bullet">
/// <item><c>pair</c>: every (calibration anchor, positive) pair gives a score and all are pooled (n = anchors ×
/// positives), as in the reference code. Pairs sharing an anchor are dependent, so the pooled scores are not
/// exchangeable with a fresh pair and the finite-sample bound is not guaranteed; it holds approximately, with an
/// effective sample size between the number of anchors and of pairs. The target is a random test pair.</item>
/// <item><c>anchor</c>: one score per calibration anchor, from one positive drawn at random (n = anchors). Given the
/// held-out pool (calibration ∪ test points, from which both draw partners), calibration and test anchors are a
/// random partition and draw alike, so a test anchor's score is exchangeable with the n calibration scores and
/// P(covered) ≥ 1−α holds exactly (≤ 1−α + 1/(n+1) without ties) for a random test anchor with a random positive.</item>
/// </list>
/// </remarks>
public static class CalibrationUnits
{
    public const string Pair = "pair";
    public const string Anchor = "anchor";

    public static readonly string[] All = [Pair, Anchor];
}
