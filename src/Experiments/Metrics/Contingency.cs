namespace ContrastiveOrleans.Experiments.Metrics;

/// <summary>
/// Agreement between two partitions of the same items (true labels vs cluster assignments), from their contingency
/// table: NMI (arithmetic normalisation, as scikit-learn's default), adjusted Rand index and the best one-to-one
/// matching accuracy (Hungarian).
/// </summary>
public sealed class Contingency
{
    private readonly long[,] _counts;
    private readonly long[] _rowSums;
    private readonly long[] _columnSums;
    private readonly long _n;

    public Contingency(IReadOnlyList<long> truth, IReadOnlyList<long> predicted)
    {
        ArgumentNullException.ThrowIfNull(truth);
        ArgumentNullException.ThrowIfNull(predicted);
        if (truth.Count != predicted.Count) throw new ArgumentException("partitions must label the same items", nameof(predicted));
        var rows = Index(truth);
        var columns = Index(predicted);
        _counts = new long[rows.Count, columns.Count];
        for (var i = 0; i < truth.Count; i++) _counts[rows[truth[i]], columns[predicted[i]]]++;
        _rowSums = new long[rows.Count];
        _columnSums = new long[columns.Count];
        for (var r = 0; r < rows.Count; r++)
        for (var c = 0; c < columns.Count; c++)
        {
            _rowSums[r] += _counts[r, c];
            _columnSums[c] += _counts[r, c];
        }
        _n = truth.Count;
    }

    public double NormalizedMutualInformation()
    {
        double hu = Entropy(_rowSums), hv = Entropy(_columnSums);
        if (hu == 0 && hv == 0) return 1.0;  // both partitions trivial: identical
        double mi = 0;
        for (var r = 0; r < _rowSums.Length; r++)
        for (var c = 0; c < _columnSums.Length; c++)
        {
            var nij = _counts[r, c];
            if (nij == 0) continue;
            mi += (double)nij / _n * Math.Log((double)nij * _n / ((double)_rowSums[r] * _columnSums[c]));
        }
        return Math.Clamp(2 * mi / (hu + hv), 0.0, 1.0);
    }

    public double AdjustedRandIndex()
    {
        static double Pairs(long m) => m * (m - 1) / 2.0;
        double index = 0;
        foreach (var nij in _counts) index += Pairs(nij);
        var a = _rowSums.Sum(Pairs);
        var b = _columnSums.Sum(Pairs);
        var expected = a * b / Pairs(_n);
        var max = (a + b) / 2;
        return max == expected ? 1.0 : (index - expected) / (max - expected);
    }

    /// <summary>Share of items whose cluster maps to their label under the best one-to-one cluster→label map.</summary>
    public double MatchedAccuracy()
    {
        var size = Math.Max(_rowSums.Length, _columnSums.Length);
        var profit = new double[size, size];
        for (var r = 0; r < _rowSums.Length; r++)
        for (var c = 0; c < _columnSums.Length; c++) profit[r, c] = _counts[r, c];
        var assignment = Hungarian.MaximizeAssignment(profit);
        double matched = 0;
        for (var r = 0; r < size; r++) matched += profit[r, assignment[r]];
        return matched / _n;
    }

    private double Entropy(long[] sums) =>
        -sums.Where(s => s > 0).Sum(s => (double)s / _n * Math.Log((double)s / _n));

    private static Dictionary<long, int> Index(IReadOnlyList<long> labels)
    {
        var index = new Dictionary<long, int>();
        foreach (var label in labels) index.TryAdd(label, index.Count);
        return index;
    }
}
