using ContrastiveOrleans.Grains.Stats;

namespace ContrastiveOrleans.Client.Report;

/// <summary>
/// One configuration's score on a metric: the mean over its seeds with the 95% Student-t interval (none from one
/// seed), counted in one pass (Welford) so a sweep of any size is ranked without holding its points.
/// </summary>
public sealed class ConfigurationScore(string paramsJson)
{
    private double _mean;
    private double _m2;

    /// <summary>The configuration's parameters (canonical JSON, without the seed).</summary>
    public string ParamsJson { get; } = paramsJson;

    public int N { get; private set; }

    /// <summary>Its points that failed (counted, not scored).</summary>
    public int Failed { get; private set; }

    public double Mean => N == 0 ? double.NaN : _mean;

    public double StandardDeviation => N < 2 ? double.NaN : Math.Sqrt(_m2 / (N - 1));

    public (double Low, double High) Interval
    {
        get
        {
            if (N < 2) return (double.NaN, double.NaN);
            var half = StudentT.Quantile(0.975, N - 1) * StandardDeviation / Math.Sqrt(N);
            return (_mean - half, _mean + half);
        }
    }

    public void Add(double value)
    {
        N++;
        var delta = value - _mean;
        _mean += delta / N;
        _m2 += delta * (value - _mean);
    }

    public void AddFailure() => Failed++;
}
