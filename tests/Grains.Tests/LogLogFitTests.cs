using ContrastiveOrleans.Grains.Stats;

namespace ContrastiveOrleans.Grains.Tests;

/// <summary>Log-log fits against closed forms and a plain least-squares computation.</summary>
public sealed class LogLogFitTests
{
    private static readonly double[] Ns = [2500, 5000, 10_000, 20_000, 40_000, 80_000];

    [Fact]
    public void A_power_law_has_its_exponent_as_slope_with_no_error()
    {
        var fit = new LogLogFit();
        foreach (var n in Ns) fit.Add(n, 3 / Math.Sqrt(n));
        var (slope, se, df) = fit.Slope();
        Assert.Equal(-0.5, slope, 12);
        Assert.Equal(0, se, 9);
        Assert.Equal(4, df);
    }

    [Fact]
    public void The_slope_and_its_standard_error_match_ordinary_least_squares()
    {
        // y = n^-0.5 · e^{±0.1} alternating: OLS computed here directly on the logs.
        var x = Ns.Select(n => Math.Log(n)).ToArray();
        var y = Ns.Select((n, i) => (-0.5 * Math.Log(n)) + (i % 2 == 0 ? 0.1 : -0.1) + (0.03 * i)).ToArray();
        var fit = new LogLogFit();
        for (var i = 0; i < x.Length; i++) fit.Add(Ns[i], Math.Exp(y[i]));
        double mx = x.Average(), my = y.Average();
        var sxx = x.Sum(v => (v - mx) * (v - mx));
        var sxy = x.Zip(y).Sum(p => (p.First - mx) * (p.Second - my));
        var b = sxy / sxx;
        var sse = x.Zip(y).Sum(p => Math.Pow(p.Second - (my + (b * (p.First - mx))), 2));
        var (slope, se, _) = fit.Slope();
        Assert.Equal(b, slope, 10);
        Assert.Equal(Math.Sqrt(sse / (x.Length - 2) / sxx), se, 10);
    }

    [Fact]
    public void Twice_the_error_at_slope_minus_half_needs_four_times_the_samples()
    {
        var a = new LogLogFit();
        var b = new LogLogFit();
        foreach (var n in Ns)
        {
            a.Add(n, 4 / Math.Sqrt(n));
            b.Add(n, 2 / Math.Sqrt(n));
        }
        var (logRatio, se, df) = LogLogFit.Efficiency(a, b);
        Assert.Equal(4, Math.Exp(logRatio), 9);
        Assert.Equal(0, se, 6);
        Assert.Equal(9, df);
    }

    [Fact]
    public void Points_without_a_logarithm_are_skipped()
    {
        var fit = new LogLogFit();
        Assert.False(fit.Add(10, 0));
        Assert.False(fit.Add(-1, 1));
        Assert.True(fit.Add(10, 1));
        Assert.Equal(1, fit.N);
        Assert.True(double.IsNaN(fit.Slope().Slope));
    }
}
