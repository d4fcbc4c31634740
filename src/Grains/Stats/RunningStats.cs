namespace ContrastiveOrleans.Grains.Stats;

/// <summary>Welford's running mean and variance, so results fold in one at a time without keeping them.</summary>
public sealed class RunningStats
{
    private double _m2;

    public int N { get; private set; }

    public double Mean { get; private set; }

    public void Add(double value)
    {
        N++;
        var delta = value - Mean;
        Mean += delta / N;
        _m2 += delta * (value - Mean);
    }

    /// <summary>Sample variance (n − 1 denominator); 0 for fewer than two values.</summary>
    public double Variance => N > 1 ? _m2 / (N - 1) : 0;

    /// <summary>Two-sided Student-t interval for the mean at <paramref name="level"/>; the mean itself when n = 1.</summary>
    public (double Low, double High) ConfidenceInterval(double level = 0.95)
    {
        if (N < 2) return (Mean, Mean);
        var half = StudentT.Quantile(0.5 + (level / 2), N - 1) * Math.Sqrt(Variance / N);
        return (Mean - half, Mean + half);
    }
}
