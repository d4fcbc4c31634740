using ContrastiveOrleans.Experiments.Metrics;

namespace ContrastiveOrleans.Sweeps.Search;

/// <summary>
/// hyperopt's adaptive Parzen estimator on [low, high] (of a dimension's own scale: log for log-uniform): one Gaussian
/// per observation with σ the larger gap to its sorted neighbours (clipped to [range / min(100, 1 + n), range]), plus
/// a prior Gaussian at the centre with σ = range, equally weighted, each truncated to the interval.
/// </summary>
public sealed class ParzenDensity
{
    /// <summary>|z| beyond which a component is left out of a density: it would add less than e^−32 of the prior's share.</summary>
    private const double Reach = 8;

    private readonly double _low, _high;
    private readonly double[] _mu, _sigma, _mass;
    // The narrow components (σ at most twice the median σ), sorted by μ, are summed over the window x ± Reach·σ;
    // the few wide ones (the prior among them) always: the same sum up to terms below e^−32, in O(log n + window).
    private readonly int[] _wide;
    private readonly double[] _narrowMu, _narrowSigma, _narrowMass;
    private readonly double _window;

    public ParzenDensity(IReadOnlyList<double> observations, double low, double high)
    {
        ArgumentNullException.ThrowIfNull(observations);
        (_low, _high) = (low, high);
        var range = high - low;
        var prior = (low + high) / 2;
        var mus = new double[observations.Count + 1];
        for (var i = 0; i < observations.Count; i++) mus[i] = observations[i];
        mus[^1] = prior;
        Array.Sort(mus);
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
        // A component more than Reach σ inside both bounds keeps all but 1e−15 of its mass: 1, without two erfc.
        _mass = [.. mus.Select((m, i) => (high - m) / sigma[i] > Reach && (m - low) / sigma[i] > Reach
            ? 1.0
            : SpecialFunctions.NormalCdf((high - m) / sigma[i]) - SpecialFunctions.NormalCdf((low - m) / sigma[i]))];
        var sorted = (double[])sigma.Clone();
        Array.Sort(sorted);
        var threshold = 2 * sorted[sorted.Length / 2];
        var narrow = Enumerable.Range(0, mus.Length).Where(i => sigma[i] <= threshold).ToArray();
        _wide = [.. Enumerable.Range(0, mus.Length).Where(i => sigma[i] > threshold)];
        // mus is sorted, so the narrow ones are too.
        _narrowMu = [.. narrow.Select(i => mus[i])];
        _narrowSigma = [.. narrow.Select(i => sigma[i])];
        _narrowMass = [.. narrow.Select(i => _mass[i])];
        _window = Reach * threshold;
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
        foreach (var i in _wide) sum += Term(x, _mu[i], _sigma[i], _mass[i]);
        var from = LowerBound(_narrowMu, x - _window);
        for (var i = from; i < _narrowMu.Length && _narrowMu[i] <= x + _window; i++) sum += Term(x, _narrowMu[i], _narrowSigma[i], _narrowMass[i]);
        return Math.Log(Math.Max(sum / _mu.Length, 1e-300));
    }

    /// <summary>The density of every component summed directly: the reference the windowed sum is tested against.</summary>
    public double LogDensityExhaustive(double x)
    {
        var sum = 0.0;
        for (var i = 0; i < _mu.Length; i++) sum += Term(x, _mu[i], _sigma[i], _mass[i]);
        return Math.Log(Math.Max(sum / _mu.Length, 1e-300));
    }

    private static double Term(double x, double mu, double sigma, double mass)
    {
        var z = (x - mu) / sigma;
        return Math.Exp(-0.5 * z * z) / (sigma * Math.Sqrt(2 * Math.PI) * Math.Max(mass, 1e-300));
    }

    private static int LowerBound(double[] sorted, double value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (sorted[mid] < value) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    /// <summary>Box–Muller on two uniforms of the sweep's own generator.</summary>
    private static double StandardNormal(SplitMix64 rng)
    {
        var u = 1 - rng.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u)) * Math.Cos(2 * Math.PI * rng.NextDouble());
    }
}
