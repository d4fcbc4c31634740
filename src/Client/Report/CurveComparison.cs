using ContrastiveOrleans.Grains.Contracts;
using ContrastiveOrleans.Grains.Stats;

namespace ContrastiveOrleans.Client.Report;

/// <summary>
/// Differences between two sweeps' curves at each (series, x) both have: the difference of the means, with the 95%
/// Welch interval (unequal variances; Welch–Satterthwaite degrees of freedom). Each side's standard error is read
/// back from its own Student-t interval (half-width / t(0.975, n − 1)), so only curves.csv-level rows are needed.
/// </summary>
public static class CurveComparison
{
    public static IReadOnlyList<CurveDifference> Differences(string curve, IReadOnlyList<CurveRow> baseline, string sweep, IReadOnlyList<CurveRow> other)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(other);
        var byKey = baseline.Where(r => r.Curve == curve).ToDictionary(r => (r.Series, r.X));
        var differences = new List<CurveDifference>();
        foreach (var row in other.Where(r => r.Curve == curve))
        {
            if (!byKey.TryGetValue((row.Series, row.X), out var b)) continue;
            var d = row.Mean - b.Mean;
            var (low, high) = Interval(d, StandardError(b), b.N, StandardError(row), row.N);
            differences.Add(new CurveDifference(curve, row.Series, row.X, sweep, b.Mean, row.Mean, d, low, high, b.N, row.N));
        }
        return differences;
    }

    /// <summary>The standard error of a row's mean, from its interval; NaN from one run.</summary>
    public static double StandardError(CurveRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return row.N < 2 ? double.NaN : (row.CiHigh - row.Mean) / StudentT.Quantile(0.975, row.N - 1);
    }

    public static (double Low, double High) Interval(double difference, double se1, int n1, double se2, int n2)
    {
        if (n1 < 2 || n2 < 2) return (double.NaN, double.NaN);
        var v1 = se1 * se1;
        var v2 = se2 * se2;
        var v = v1 + v2;
        if (v == 0) return (difference, difference);
        var df = v * v / ((v1 * v1 / (n1 - 1)) + (v2 * v2 / (n2 - 1)));
        var half = StudentT.Quantile(0.975, df) * Math.Sqrt(v);
        return (difference - half, difference + half);
    }
}
