namespace ContrastiveOrleans.Experiments.Conformal;

/// <summary>
/// Exact split conformal prediction on scalar nonconformity scores (smaller = more conforming).
/// </summary>
/// <remarks>
/// With n calibration scores exchangeable with a fresh test score, the threshold t = the k-th smallest calibration
/// score, k = ⌈(n+1)(1−α)⌉, gives P(test score ≤ t) ≥ 1−α, and ≤ 1−α + 1/(n+1) when scores have no ties.
/// When k &gt; n no finite threshold has the guarantee and t = +∞ (the set is the whole space).
/// </remarks>
public static class SplitConformal
{
    /// <summary>
    /// The 1-based rank ⌈(n+1)(1−α)⌉. A product within 1e-9 (relative) of an integer counts as that integer, so that
    /// e.g. n = 9, α = 0.1 gives rank 9 and not 10 because of binary rounding of 0.9.
    /// </summary>
    public static long Rank(long n, double alpha)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        if (!(alpha > 0 && alpha < 1)) throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "alpha must lie in (0, 1)");
        var x = (n + 1) * (1 - alpha);
        var nearest = Math.Round(x);
        var rank = Math.Abs(x - nearest) <= 1e-9 * Math.Max(1.0, x) ? (long)nearest : (long)Math.Ceiling(x);
        return Math.Max(1L, rank);
    }

    /// <summary>True when n calibration scores give a finite threshold at level α.</summary>
    public static bool IsFinite(long n, double alpha) => Rank(n, alpha) <= n;

    /// <summary>The smallest calibration size with a finite threshold: n ≥ 1/α − 1.</summary>
    public static long MinimumCalibrationSize(double alpha)
    {
        var n = Math.Max(0L, (long)Math.Floor(1 / alpha - 1) - 1);
        while (!IsFinite(n, alpha)) n++;
        return n;
    }

    /// <summary>The k-th smallest score, k = <see cref="Rank"/>; +∞ when k exceeds the number of scores.</summary>
    public static double Threshold(ReadOnlySpan<double> scores, double alpha)
    {
        var k = Rank(scores.Length, alpha);
        if (k > scores.Length) return double.PositiveInfinity;
        var sorted = scores.ToArray();
        Array.Sort(sorted);
        return sorted[k - 1];
    }
}
