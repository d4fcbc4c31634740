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
    // Components sorted by μ, in arrays that may be longer than Count (a search reuses them from one proposal to the next).
    private readonly double[] _mu, _sigma, _mass;
    // Each component's 1/σ and its weight 1/(σ·√(2π)·mass): a term is then one multiply-add and one exp.
    private readonly double[] _inverse, _weight;
    private readonly int _count;
    // Narrow components (σ at most 1.25 times the smallest allowed) are summed over the window x ± Reach·threshold of
    // the sorted μ; the few wide ones (the prior among them) always: the same sum up to terms below e^−32, in
    // O(log n + window).
    private readonly List<int> _wide = [];
    private readonly double _threshold;
    private readonly double _window;

    public ParzenDensity(IReadOnlyList<double> observations, double low, double high)
        : this(Sorted(observations), low, high, new ParzenBuffers())
    {
    }

    private ParzenDensity(IReadOnlyList<double> sorted, double low, double high, ParzenBuffers buffers)
    {
        (_low, _high) = (low, high);
        var range = high - low;
        var prior = (low + high) / 2;
        _count = sorted.Count + 1;
        (_mu, _sigma, _mass, _inverse, _weight) = buffers.Take(_count);
        var at = 0;
        while (at < sorted.Count && sorted[at] <= prior) at++;
        for (var i = 0; i < at; i++) _mu[i] = sorted[i];
        _mu[at] = prior;
        for (var i = at; i < sorted.Count; i++) _mu[i + 1] = sorted[i];
        var minimum = range / Math.Min(100.0, _count);
        for (var i = 0; i < _count; i++)
        {
            var left = i > 0 ? _mu[i] - _mu[i - 1] : _mu[i] - low;
            var right = i < _count - 1 ? _mu[i + 1] - _mu[i] : high - _mu[i];
            _sigma[i] = Math.Clamp(Math.Max(left, right), minimum, range);
        }
        // The prior keeps its full width wherever it sorted to.
        _sigma[at] = range;
        _threshold = 1.25 * minimum;
        for (var i = 0; i < _count; i++)
        {
            // A component more than Reach σ inside both bounds keeps all but 1e−15 of its mass: 1, without two erfc.
            var (up, down) = ((high - _mu[i]) / _sigma[i], (low - _mu[i]) / _sigma[i]);
            _mass[i] = up > Reach && -down > Reach ? 1.0 : SpecialFunctions.NormalCdf(up) - SpecialFunctions.NormalCdf(down);
            _inverse[i] = 1 / _sigma[i];
            _weight[i] = 1 / (_sigma[i] * Math.Sqrt(2 * Math.PI) * Math.Max(_mass[i], 1e-300));
            if (_sigma[i] > _threshold) _wide.Add(i);
        }
        _window = Reach * _threshold;
    }

    /// <summary>The estimator of observations already sorted, in <paramref name="buffers"/> (valid until they are
    /// used again): O(n), nothing sorted, nothing allocated once the buffers have grown.</summary>
    public static ParzenDensity FromSorted(IReadOnlyList<double> sorted, double low, double high, ParzenBuffers? buffers = null)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        return new ParzenDensity(sorted, low, high, buffers ?? new ParzenBuffers());
    }

    private static double[] Sorted(IReadOnlyList<double> observations)
    {
        ArgumentNullException.ThrowIfNull(observations);
        var sorted = observations.ToArray();
        Array.Sort(sorted);
        return sorted;
    }

    /// <summary>A draw: a component uniformly, then its Gaussian, redrawn until it falls inside (clamped after 100 tries).</summary>
    public double Sample(SplitMix64 rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        var i = Math.Min((int)(rng.NextDouble() * _count), _count - 1);
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
        foreach (var i in _wide) sum += Term(x, i);
        for (var i = LowerBound(_mu, _count, x - _window); i < _count && _mu[i] <= x + _window; i++)
        {
            if (_sigma[i] <= _threshold) sum += Term(x, i);
        }
        return Math.Log(Math.Max(sum / _count, 1e-300));
    }

    private double Term(double x, int i)
    {
        var z = (x - _mu[i]) * _inverse[i];
        return _weight[i] * Math.Exp(-0.5 * z * z);
    }

    /// <summary>The density of every component summed directly: the reference the windowed sum is tested against.</summary>
    public double LogDensityExhaustive(double x)
    {
        var sum = 0.0;
        for (var i = 0; i < _count; i++) sum += Term(x, _mu[i], _sigma[i], _mass[i]);
        return Math.Log(Math.Max(sum / _count, 1e-300));
    }

    private static double Term(double x, double mu, double sigma, double mass)
    {
        var z = (x - mu) / sigma;
        return Math.Exp(-0.5 * z * z) / (sigma * Math.Sqrt(2 * Math.PI) * Math.Max(mass, 1e-300));
    }

    private static int LowerBound(double[] sorted, int count, double value)
    {
        int lo = 0, hi = count;
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
