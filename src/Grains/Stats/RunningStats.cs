namespace ContrastiveOrleans.Grains.Stats;

/// <summary>
/// Mean, variance and t-interval of the values folded in so far. The values are kept (a group holds one per seed)
/// and summed in sorted order, so the numbers do not depend on the order results arrived in: a live run, a resumed
/// cluster sweep and `contrastive report` agree to the last bit.
/// </summary>
public sealed class RunningStats
{
    private readonly List<double> _values = [];
    private (double Mean, double Variance)? _cache;

    public int N => _values.Count;

    public double Mean => Moments().Mean;

    /// <summary>Sample variance (n − 1 denominator); 0 for fewer than two values.</summary>
    public double Variance => Moments().Variance;

    public void Add(double value)
    {
        _values.Add(value);
        _cache = null;
    }

    /// <summary>Two-sided Student-t interval for the mean at <paramref name="level"/>; the mean itself when n = 1.</summary>
    public (double Low, double High) ConfidenceInterval(double level = 0.95)
    {
        if (N < 2) return (Mean, Mean);
        var half = StudentT.Quantile(0.5 + (level / 2), N - 1) * Math.Sqrt(Variance / N);
        return (Mean - half, Mean + half);
    }

    private (double Mean, double Variance) Moments()
    {
        if (_cache is { } cached) return cached;
        if (_values.Count == 0) return (0, 0);
        var sorted = _values.Order().ToArray();
        var mean = sorted.Sum() / sorted.Length;
        var squares = sorted.Select(v => (v - mean) * (v - mean)).Order().Sum();
        var moments = (mean, sorted.Length > 1 ? squares / (sorted.Length - 1) : 0);
        _cache = moments;
        return moments;
    }
}
