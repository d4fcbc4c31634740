namespace ContrastiveOrleans.Grains.Stats;

/// <summary>
/// A least-squares line through (log x, log y), kept as exact moments of log x, log y and log x + log y (which give
/// Σxy), so folds combine exactly and the state is constant in size. <see cref="Slope"/> fits one line; <see
/// cref="Efficiency"/> fits two with a common slope and reads how many times more samples one needs than the other
/// for the same y.
/// </summary>
public sealed class LogLogFit
{
    public ExactMoments X { get; } = new();

    public ExactMoments Y { get; } = new();

    /// <summary>Moments of log x + log y: n·Var(x + y) = Sxx + 2Sxy + Syy gives the cross term.</summary>
    public ExactMoments Sum { get; } = new();

    public long N => X.N;

    /// <summary>Adds a point with x, y &gt; 0 (others have no logarithm and are skipped; returns false).</summary>
    public bool Add(double x, double y)
    {
        if (!(x > 0) || !(y > 0) || !double.IsFinite(x) || !double.IsFinite(y)) return false;
        double lx = Math.Log(x), ly = Math.Log(y);
        X.Add(lx);
        Y.Add(ly);
        Sum.Add(lx + ly);
        return true;
    }

    /// <summary>Adds another fit's moments (a shard's part), exactly.</summary>
    public void Add(ExactMoments x, ExactMoments y, ExactMoments sum)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        ArgumentNullException.ThrowIfNull(sum);
        X.Add(x);
        Y.Add(y);
        Sum.Add(sum);
    }

    /// <summary>Centred sums of squares and cross products.</summary>
    private (double Sxx, double Syy, double Sxy) Centred()
    {
        var m = N - 1.0;
        double sxx = m * X.Variance, syy = m * Y.Variance;
        return (sxx, syy, ((m * Sum.Variance) - sxx - syy) / 2);
    }

    /// <summary>The slope of log y on log x with its standard error and degrees of freedom (n − 2); NaN without
    /// three points at two or more x.</summary>
    public (double Slope, double StandardError, double Df) Slope()
    {
        var (sxx, syy, sxy) = N >= 2 ? Centred() : (0, 0, 0);
        if (N < 3 || !(sxx > 0)) return (double.NaN, double.NaN, double.NaN);
        var slope = sxy / sxx;
        var sse = Math.Max(0, syy - (slope * sxy));
        return (slope, Math.Sqrt(sse / (N - 2) / sxx), N - 2);
    }

    /// <summary>
    /// With log y = α_a + β log x on side a and α_b + β log x on side b (one slope β, two intercepts, by least
    /// squares), the log of how many times more x side a needs for side b's y: log(x_a / x_b) = (α_b − α_a) / β, with
    /// its delta-method standard error and degrees of freedom n_a + n_b − 3.
    /// </summary>
    public static (double LogRatio, double StandardError, double Df) Efficiency(LogLogFit a, LogLogFit b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.N < 2 || b.N < 2 || a.N + b.N < 4) return (double.NaN, double.NaN, double.NaN);
        var (axx, ayy, axy) = a.Centred();
        var (bxx, byy, bxy) = b.Centred();
        var sxx = axx + bxx;
        if (!(sxx > 0)) return (double.NaN, double.NaN, double.NaN);
        var slope = (axy + bxy) / sxx;
        if (slope == 0) return (double.NaN, double.NaN, double.NaN);
        var df = a.N + b.N - 3.0;
        var s2 = Math.Max(0, ayy + byy - (slope * (axy + bxy))) / df;
        var varSlope = s2 / sxx;
        var dx = a.X.Mean - b.X.Mean;
        // Δα = α_a − α_b = (ȳ_a − ȳ_b) − β(x̄_a − x̄_b); the means are uncorrelated with the within-side slope.
        var deltaAlpha = a.Y.Mean - b.Y.Mean - (slope * dx);
        var varDeltaAlpha = (s2 * ((1.0 / a.N) + (1.0 / b.N))) + (dx * dx * varSlope);
        var covariance = -dx * varSlope;
        var g = -deltaAlpha / slope;
        double dAlpha = -1 / slope, dSlope = deltaAlpha / (slope * slope);
        var variance = (dAlpha * dAlpha * varDeltaAlpha) + (dSlope * dSlope * varSlope) + (2 * dAlpha * dSlope * covariance);
        return (g, Math.Sqrt(Math.Max(0, variance)), df);
    }
}
