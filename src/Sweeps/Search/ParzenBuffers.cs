namespace ContrastiveOrleans.Sweeps.Search;

/// <summary>Storage a Parzen estimator of many observations is built in and a search reuses for the next one: at 10⁴
/// trials each array is 80 KB, above the large-object threshold, where a fresh one per proposal costs more than the
/// proposal. One user at a time.</summary>
public sealed class ParzenBuffers
{
    private double[] _mu = [], _sigma = [], _mass = [], _inverse = [], _weight = [];

    internal (double[] Mu, double[] Sigma, double[] Mass, double[] Inverse, double[] Weight) Take(int count)
    {
        if (_mu.Length < count)
        {
            var size = Math.Max(count, 2 * _mu.Length);
            (_mu, _sigma, _mass, _inverse, _weight) = (new double[size], new double[size], new double[size], new double[size], new double[size]);
        }
        return (_mu, _sigma, _mass, _inverse, _weight);
    }
}
