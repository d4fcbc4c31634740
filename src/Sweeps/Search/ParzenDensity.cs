using System.Runtime.InteropServices;
using ContrastiveOrleans.Experiments.Metrics;

namespace ContrastiveOrleans.Sweeps.Search;

/// <summary>
/// hyperopt's adaptive Parzen estimator on [low, high] (of a dimension's own scale: log for log-uniform): one Gaussian
/// per observation with σ the larger gap to its sorted neighbours (clipped to [range / min(100, 1 + n), range]), plus
/// a prior Gaussian at the centre with σ = range, equally weighted, each truncated to the interval.
/// </summary>
/// <remarks>
/// Past a few hundred observations almost every σ is the clipped minimum (a σ above it needs a gap wider than
/// range / 100 beside it, and fewer than 100 such gaps fit), so a density is evaluated as hyperopt's sum for the
/// few components with a σ of their own and, for the clipped ones, as their sum binned: in bins of σ / 8, each bin's
/// weighted moments of (μ − c) / σ about its centre c to the third order, the Gaussian then a Taylor series in them.
/// A point then costs the wide components plus 2·8·8 bins instead of every component within 8σ (a tenth of all of
/// them at 10⁴), and the series' remainder, |He₄(u)| / 24 · (1/16)⁴ of a bin's term, is below 2·10⁻⁵ of it where
/// the terms that carry the sum lie (|u| ≤ 3).
/// </remarks>
public sealed class ParzenDensity
{
    /// <summary>|z| beyond which a component is left out of a density: it would add less than e^−32 of the prior's share.</summary>
    private const double Reach = 8;

    /// <summary>Bins per clipped σ: the series about a bin's centre is then in |t| ≤ 1/16.</summary>
    private const int BinsPerSigma = 8;

    private static readonly double InverseRootTwoPi = 1 / Math.Sqrt(2 * Math.PI);

    private readonly double _low, _high;
    // Components sorted by μ, in arrays that may be longer than Count (a search reuses them from one proposal to the next).
    private readonly double[] _mu, _sigma, _mass;
    private readonly int _count;
    // Components with a σ of their own (the prior among them), summed one by one.
    private readonly List<int> _wide = [];
    // The clipped components (σ = _minimum), binned: bin k is centred at low + (k + ½)·_binWidth, and _moments holds
    // Σ w·t^j for j = 0..3 at 4k + j, with t = (μ − centre) / σ and w = 1 / mass (the truncation's renormalisation).
    private readonly double _minimum, _binWidth;
    private readonly double[] _moments;
    private readonly int _bins;

    public ParzenDensity(IReadOnlyList<double> observations, double low, double high)
        : this(Sorted(observations), low, high, new ParzenBuffers())
    {
    }

    private ParzenDensity(IReadOnlyList<double> observations, double low, double high, ParzenBuffers buffers)
    {
        (_low, _high) = (low, high);
        var range = high - low;
        var prior = (low + high) / 2;
        // A search's lists are read as spans: through the interface, 10⁴ reads cost as much as the rest of the build.
        ReadOnlySpan<double> sorted = observations switch
        {
            double[] array => array,
            List<double> list => CollectionsMarshal.AsSpan(list),
            _ => [.. observations],
        };
        _count = sorted.Length + 1;
        _minimum = range / Math.Min(100.0, _count);
        _binWidth = _minimum / BinsPerSigma;
        _bins = (int)Math.Ceiling(range / _binWidth) + 1;
        (_mu, _sigma, _mass, _moments) = buffers.Take(_count, 4 * _bins);
        var found = sorted.BinarySearch(prior);
        var at = found >= 0 ? found : ~found;
        // The search finds any one of equal values; the prior goes after all those equal to it.
        while (at < sorted.Length && sorted[at] <= prior) at++;
        sorted[..at].CopyTo(_mu);
        _mu[at] = prior;
        sorted[at..].CopyTo(_mu.AsSpan(at + 1));
        // Multiplications by inverses: a division per term would be half of the build.
        var (perBin, perSigma) = (1 / _binWidth, 1 / _minimum);
        for (var i = 0; i < _count; i++)
        {
            var mu = _mu[i];
            var left = i > 0 ? mu - _mu[i - 1] : mu - low;
            var right = i < _count - 1 ? _mu[i + 1] - mu : high - mu;
            // The prior keeps its full width wherever it sorted to.
            var sigma = i == at ? range : Math.Clamp(Math.Max(left, right), _minimum, range);
            _sigma[i] = sigma;
            // Φ(up) − Φ(−down) for the distances up and down to the bounds in σ; more than Reach σ inside a bound a
            // component keeps all but 1e−15 of its mass on that side: no erfc there.
            var mass = 1.0;
            if (high - mu <= Reach * sigma) mass = SpecialFunctions.NormalCdf((high - mu) / sigma);
            if (mu - low <= Reach * sigma) mass -= SpecialFunctions.NormalCdf((low - mu) / sigma);
            _mass[i] = mass;
            // Exactly the clipped value (Clamp returns it), so every binned component shares one σ.
            if (i == at || sigma != _minimum)
            {
                _wide.Add(i);
                continue;
            }
            var k = Math.Min((int)((mu - low) * perBin), _bins - 1);
            var t = (mu - (low + ((k + 0.5) * _binWidth))) * perSigma;
            var w = mass == 1.0 ? 1.0 : 1 / Math.Max(mass, 1e-300);
            var moments = _moments.AsSpan(4 * k, 4);
            moments[0] += w;
            moments[1] += w * t;
            moments[2] += w * t * t;
            moments[3] += w * t * t * t;
        }
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
        foreach (var i in _wide) sum += Term(x, _mu[i], _sigma[i], _mass[i]);
        // Σ over a bin of exp(−(u − t)²/2) = e^(−u²/2)·Σ_j He_j(u)·t^j / j! to the third order, u = (x − centre) / σ.
        // From bin to bin u falls by Δ = 1/8, so e^(−u²/2) is carried by the recurrence g' = g·ρ, ρ' = ρ·e^(−Δ²)
        // (two multiplications, not an exp; 128 steps lose a few ulps).
        var first = Math.Max(0, (int)Math.Floor((x - (Reach * _minimum) - _low) / _binWidth));
        var last = Math.Min(_bins - 1, (int)Math.Floor((x + (Reach * _minimum) - _low) / _binWidth));
        if (first > last) return Math.Log(Math.Max(sum / _count, 1e-300));
        const double Step = 1.0 / BinsPerSigma;
        var u = (x - (_low + ((first + 0.5) * _binWidth))) / _minimum;
        var gauss = Math.Exp(-0.5 * u * u);
        var ratio = Math.Exp((u * Step) - (0.5 * Step * Step));
        var decay = Math.Exp(-Step * Step);
        var binned = 0.0;
        for (var k = first; k <= last; k++, u -= Step)
        {
            var m0 = _moments[4 * k];
            if (m0 != 0)
            {
                var u2 = u * u;
                binned += gauss * (m0 + (u * _moments[(4 * k) + 1]) + ((u2 - 1) / 2 * _moments[(4 * k) + 2]) + (u * (u2 - 3) / 6 * _moments[(4 * k) + 3]));
            }
            gauss *= ratio;
            ratio *= decay;
        }
        sum += binned * InverseRootTwoPi / _minimum;
        return Math.Log(Math.Max(sum / _count, 1e-300));
    }

    /// <summary>The density of every component summed directly: the reference the binned sum is tested against.</summary>
    public double LogDensityExhaustive(double x)
    {
        var sum = 0.0;
        for (var i = 0; i < _count; i++) sum += Term(x, _mu[i], _sigma[i], _mass[i]);
        return Math.Log(Math.Max(sum / _count, 1e-300));
    }

    private static double Term(double x, double mu, double sigma, double mass)
    {
        var z = (x - mu) / sigma;
        return Math.Exp(-0.5 * z * z) * InverseRootTwoPi / (sigma * Math.Max(mass, 1e-300));
    }

    /// <summary>Box–Muller on two uniforms of the sweep's own generator.</summary>
    private static double StandardNormal(SplitMix64 rng)
    {
        var u = 1 - rng.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u)) * Math.Cos(2 * Math.PI * rng.NextDouble());
    }
}
