using ContrastiveOrleans.Sweeps;

namespace ContrastiveOrleans.Client.Report;

/// <summary>
/// A claim checked against results: the mean (or paired mean difference) over <see cref="N"/> values with its 95%
/// Student-t interval, and the verdict: "holds" (the interval lies on the claimed side of the bound), "fails" (on the
/// other side) or "inconclusive" (it straddles the bound; <see cref="Note"/> says about how many seeds would settle it).
/// </summary>
public sealed record ClaimVerdict(ClaimSpec Claim, int N, double Mean, double Low, double High, string Verdict, string Note)
{
    public const string Holds = "holds";
    public const string Fails = "fails";
    public const string Inconclusive = "inconclusive";
}
