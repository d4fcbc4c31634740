using System.Globalization;
using ContrastiveOrleans.Experiments.Abstractions;
using ContrastiveOrleans.Experiments.Conformal;
using ContrastiveOrleans.Experiments.Metrics;
using ContrastiveOrleans.Grains.Contracts;

namespace ContrastiveOrleans.Grains.Stats;

/// <summary>
/// The exact law of the number of covered test anchors summed over points, under split conformal prediction with
/// exchangeable scores: a point with n calibration scores at rank k covers Beta(k, n+1−k) of the distribution, so its m
/// test anchors cover a BetaBinomial(m, k, n+1−k) count; points (seeds) are independent, so the total is the
/// convolution of their laws. Points are kept as counts per (n, k, m), so the state is bounded by the sweep's grid, not
/// its size.
/// </summary>
/// <remarks>
/// The total's distribution is computed exactly (tails below 1e-16 trimmed) while its support stays small; beyond
/// <see cref="MaxExactSupport"/> values it uses the normal law with the exact mean and variance, where the central
/// limit theorem is accurate to far below the band's resolution, and says so.
/// </remarks>
public sealed class SplitConformalLaw
{
    public const int MaxExactSupport = 20_000;
    private const double Tail = 1e-16;

    private readonly Dictionary<(long N, long K, long M), long> _groups = [];

    public long Points { get; private set; }

    /// <summary>Test anchors over every point.</summary>
    public long Anchors { get; private set; }

    /// <summary>Covered test anchors over every point.</summary>
    public long Covered { get; private set; }

    /// <summary>A result's calibration size n, rank k, test anchors m and covered count; null when it lacks them.</summary>
    public static (long N, long K, long M, long Covered)? Read(IConformalCoverage conformal, PointResult result, ParameterSet parameters, double coverage)
    {
        ArgumentNullException.ThrowIfNull(conformal);
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(parameters);
        if (!result.Metrics.TryGetValue(conformal.CalibrationCountMetric, out var n) || !result.Metrics.TryGetValue(conformal.TestCountMetric, out var m)
            || !parameters.TryGetValue(conformal.AlphaParameter, out var alpha) || !(n >= 1) || !(m >= 1) || !(coverage is >= 0 and <= 1))
        {
            return null;
        }
        var calibration = (long)n;
        var anchors = (long)m;
        return (calibration, SplitConformal.Rank(calibration, Convert.ToDouble(alpha, CultureInfo.InvariantCulture)), anchors, (long)Math.Round(coverage * anchors));
    }

    /// <param name="n">Calibration scores.</param>
    /// <param name="k">The rank of the threshold, ⌈(n+1)(1−α)⌉ (k &gt; n: the whole space, every anchor covered).</param>
    /// <param name="m">Test anchors.</param>
    /// <param name="covered">Of them, covered.</param>
    public void Add(long n, long k, long m, long covered) => Add(n, k, m, 1, covered);

    /// <summary>Adds <paramref name="points"/> points of the same shape that together covered <paramref name="covered"/>
    /// anchors (another fold's group).</summary>
    public void Add(long n, long k, long m, long points, long covered)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(m);
        ArgumentOutOfRangeException.ThrowIfNegative(covered);
        ArgumentOutOfRangeException.ThrowIfNegative(points);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(covered, checked(m * points));
        if (points == 0) return;
        var key = (n, Math.Min(k, n + 1), m);
        _groups[key] = _groups.GetValueOrDefault(key) + points;
        Points += points;
        Anchors += m * points;
        Covered += covered;
    }

    /// <summary>
    /// The central <paramref name="level"/> range [low, high] of the total covered count under the law (each tail at
    /// most (1−level)/2), and whether it was computed exactly or by the normal approximation.
    /// </summary>
    public (long Low, long High, bool Exact) Band(double level = 0.95)
    {
        if (Points == 0) return (0, 0, true);
        var tail = (1 - level) / 2;
        double mean = 0, variance = 0;
        foreach (var ((n, k, m), count) in _groups)
        {
            var (mu, v) = Moments(n, k, m);
            mean += count * mu;
            variance += count * v;
        }
        if (12 * Math.Sqrt(variance) + 1 > MaxExactSupport) return Normal(mean, variance, tail);
        var total = new Pmf(0, [1.0]);
        foreach (var ((n, k, m), count) in _groups)
        {
            total = Convolve(total, Power(Single(n, k, m), count));
        }
        return (total.Quantile(tail, fromBelow: true), total.Quantile(tail, fromBelow: false), true);
    }

    private static (long, long, bool) Normal(double mean, double variance, double tail)
    {
        var z = -InverseNormal(tail);
        var sd = Math.Sqrt(variance);
        return ((long)Math.Floor(mean - z * sd), (long)Math.Ceiling(mean + z * sd), false);
    }

    /// <summary>Mean and variance of BetaBinomial(m, a = k, b = n+1−k); a point with k = n+1 covers all m.</summary>
    private static (double Mean, double Variance) Moments(long n, long k, long m)
    {
        if (k > n) return (m, 0);
        double a = k, b = n + 1 - k, s = a + b;
        return (m * a / s, m * a * b * (s + m) / (s * s * (s + 1)));
    }

    private static Pmf Single(long n, long k, long m)
    {
        if (k > n) return new Pmf(m, [1.0]);
        double a = k, b = n + 1 - k;
        var logBeta = SpecialFunctions.LogGamma(a) + SpecialFunctions.LogGamma(b) - SpecialFunctions.LogGamma(a + b);
        var logMFactorial = SpecialFunctions.LogGamma(m + 1.0);
        var p = new double[m + 1];
        for (long x = 0; x <= m; x++)
        {
            var logChoose = logMFactorial - SpecialFunctions.LogGamma(x + 1.0) - SpecialFunctions.LogGamma(m - x + 1.0);
            var logB = SpecialFunctions.LogGamma(x + a) + SpecialFunctions.LogGamma(m - x + b) - SpecialFunctions.LogGamma(m + a + b);
            p[x] = Math.Exp(logChoose + logB - logBeta);
        }
        return new Pmf(0, p).Trimmed();
    }

    /// <summary>The law of the sum of <paramref name="count"/> independent copies, by repeated squaring.</summary>
    private static Pmf Power(Pmf single, long count)
    {
        var result = new Pmf(0, [1.0]);
        for (var square = single; count > 0; count >>= 1)
        {
            if ((count & 1) != 0) result = Convolve(result, square);
            if (count > 1) square = Convolve(square, square);
        }
        return result;
    }

    private static Pmf Convolve(Pmf x, Pmf y)
    {
        var p = new double[x.P.Length + y.P.Length - 1];
        for (var i = 0; i < x.P.Length; i++)
        {
            var xi = x.P[i];
            if (xi == 0) continue;
            for (var j = 0; j < y.P.Length; j++) p[i + j] += xi * y.P[j];
        }
        return new Pmf(x.Offset + y.Offset, p).Trimmed();
    }

    /// <summary>Acklam's rational approximation of Φ⁻¹ (relative error below 1.2e-9), for the normal fallback.</summary>
    private static double InverseNormal(double p)
    {
        double[] a = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00];
        double[] b = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01, -1.328068155288572e+01];
        double[] c = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00];
        double[] d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00];
        if (p < 0.02425)
        {
            var q = Math.Sqrt(-2 * Math.Log(p));
            return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        }
        if (p > 1 - 0.02425) return -InverseNormal(1 - p);
        var r = p - 0.5;
        var s = r * r;
        return (((((a[0] * s + a[1]) * s + a[2]) * s + a[3]) * s + a[4]) * s + a[5]) * r / (((((b[0] * s + b[1]) * s + b[2]) * s + b[3]) * s + b[4]) * s + 1);
    }

    /// <summary>A probability mass function on Offset, Offset+1, ….</summary>
    private sealed record Pmf(long Offset, double[] P)
    {
        /// <summary>Drops each tail's values while their mass stays below 1e-16 (renormalised).</summary>
        public Pmf Trimmed()
        {
            var sum = P.Sum();
            int low = 0, high = P.Length - 1;
            for (var mass = 0.0; low < high && mass + P[low] < Tail * sum; low++) mass += P[low];
            for (var mass = 0.0; high > low && mass + P[high] < Tail * sum; high--) mass += P[high];
            var kept = P[low..(high + 1)];
            var total = kept.Sum();
            for (var i = 0; i < kept.Length; i++) kept[i] /= total;
            return new Pmf(Offset + low, kept);
        }

        /// <summary>fromBelow: the smallest x with P(X ≤ x) &gt; tail, so P(X &lt; x) ≤ tail; otherwise the largest x
        /// with P(X ≥ x) &gt; tail, so P(X &gt; x) ≤ tail.</summary>
        public long Quantile(double tail, bool fromBelow)
        {
            var mass = 0.0;
            if (fromBelow)
            {
                for (var i = 0; i < P.Length; i++)
                {
                    if (mass + P[i] > tail) return Offset + i;
                    mass += P[i];
                }
                return Offset + P.Length - 1;
            }
            for (var i = P.Length - 1; i >= 0; i--)
            {
                if (mass + P[i] > tail) return Offset + i;
                mass += P[i];
            }
            return Offset;
        }
    }
}
