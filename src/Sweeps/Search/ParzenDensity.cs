using ContrastiveOrleans.Experiments.Metrics;

namespace ContrastiveOrleans.Sweeps.Search;

/// <summary>
/// hyperopt's adaptive Parzen estimator on [low, high] (of a dimension's own scale: log for log-uniform): one Gaussian
/// per observation with σ the larger gap to its sorted neighbours (clipped to [range / min(100, 1 + n), range]), plus
/// a prior Gaussian at the centre with σ = range, equally weighted, each truncated to the interval.
/// </summary>
internal sealed class ParzenDensity
{
    private readonly double _low, _high;
    private readonly double[] _mu, _sigma, _mass;

    public ParzenDensity(IReadOnlyList<double> observations, double low, double high)
    {
        ArgumentNullException.ThrowIfNull(observations);
        (_low, _high) = (low, high);
        var range = high - low;
        var prior = (low + high) / 2;
        var mus = observations.Append(prior).Order().ToArray();
        var sigma = new double[mus.Length];
        var minimum = range / Math.Min(100.0, 1 + observations.Count);
        for (var i = 0; i < mus.Length; i++)
        {
            var left = i > 0 ? mus[i] - mus[i - 1] : mus[i] - low;
            var right = i < mus.Length - 1 ? mus[i + 1] - mus[i] : high - mus[i];
            sigma[i] = Math.Clamp(Math.Max(left, right), minimum, range);
        }
        // The prior keeps its full width wherever it sorted to.
        var at = Array.IndexOf(mus, prior);
        sigma[at] = range;
        (_mu, _sigma) = (mus, sigma);
        _mass = [.. mus.Select((m, i) => SpecialFunctions.NormalCdf((high - m) / sigma[i]) - SpecialFunctions.NormalCdf((low - m) / sigma[i]))];
    }

    /// <summary>A draw: a component uniformly, then its Gaussian, redrawn until it falls inside (clamped after 100 tries).</summary>
    public double Sample(SplitMix64 rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        var i = Math.Min((int)(rng.NextDouble() * _mu.Length), _mu.Length - 1);
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var x = _mu[i] + (_sigma[i] * StandardNormal(rng));
            if (x >= _low && x <= _high) return x;
        }
        return Math.Clamp(_mu[i], _low, _high);
    }

    public double LogDensity(double x)
    {
        var sum = 0.0;
        for (var i = 0; i < _mu.Length; i++)
        {
            var z = (x - _mu[i]) / _sigma[i];
            sum += Math.Exp(-0.5 * z * z) / (_sigma[i] * Math.Sqrt(2 * Math.PI) * Math.Max(_mass[i], 1e-300));
        }
        return Math.Log(Math.Max(sum / _mu.Length, 1e-300));
    }

    /// <summary>Box–Muller on two uniforms of the sweep's own generator.</summary>
    private static double StandardNormal(SplitMix64 rng)
    {
        var u = 1 - rng.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u)) * Math.Cos(2 * Math.PI * rng.NextDouble());
    }
}
