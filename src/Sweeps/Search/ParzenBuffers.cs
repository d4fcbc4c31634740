namespace ContrastiveOrleans.Sweeps.Search;

/// <summary>Storage a Parzen estimator of many observations is built in and a search reuses for the next one: at 10⁴
/// trials each array is 80 KB, above the large-object threshold, where a fresh one per proposal costs more than the
/// proposal. One user at a time.</summary>
public sealed class ParzenBuffers
{
    private double[] _mu = [], _sigma = [], _mass = [], _moments = [];

    /// <summary>Arrays for <paramref name="count"/> components and <paramref name="moments"/> bin moments, the moments
    /// zeroed (they are sums).</summary>
    internal (double[] Mu, double[] Sigma, double[] Mass, double[] Moments) Take(int count, int moments)
    {
        if (_mu.Length < count)
        {
            var size = Math.Max(count, 2 * _mu.Length);
            (_mu, _sigma, _mass) = (new double[size], new double[size], new double[size]);
        }
        if (_moments.Length < moments) _moments = new double[Math.Max(moments, 2 * _moments.Length)];
        else Array.Clear(_moments, 0, moments);
        return (_mu, _sigma, _mass, _moments);
    }
}
