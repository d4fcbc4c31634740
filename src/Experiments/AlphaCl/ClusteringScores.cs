namespace ContrastiveOrleans.Experiments.AlphaCl;

/// <summary>Agreement of two labelings of the same points.</summary>
public static class ClusteringScores
{
    /// <summary>
    /// Normalised mutual information with arithmetic normalisation, I(U;V) / ((H(U) + H(V))/2), natural logs. Two
    /// single-cluster labelings agree perfectly (1), as in scikit-learn.
    /// </summary>
    public static double NormalizedMutualInformation(IReadOnlyList<int> truth, IReadOnlyList<int> predicted)
    {
        ArgumentNullException.ThrowIfNull(truth);
        ArgumentNullException.ThrowIfNull(predicted);
        if (truth.Count != predicted.Count) throw new ArgumentException("labelings differ in length", nameof(predicted));
        var n = truth.Count;
        if (n == 0) throw new ArgumentException("labelings are empty", nameof(truth));
        var joint = new Dictionary<(int, int), int>();
        var rows = new Dictionary<int, int>();
        var cols = new Dictionary<int, int>();
        for (var i = 0; i < n; i++)
        {
            joint[(truth[i], predicted[i])] = joint.GetValueOrDefault((truth[i], predicted[i])) + 1;
            rows[truth[i]] = rows.GetValueOrDefault(truth[i]) + 1;
            cols[predicted[i]] = cols.GetValueOrDefault(predicted[i]) + 1;
        }
        double Entropy(IEnumerable<int> counts) => -counts.Sum(c => (double)c / n * Math.Log((double)c / n));
        var hu = Entropy(rows.Values);
        var hv = Entropy(cols.Values);
        if (hu + hv == 0) return 1.0;
        var mutual = 0.0;
        foreach (var ((a, b), c) in joint)
        {
            var pab = (double)c / n;
            mutual += pab * Math.Log(pab * n * n / ((double)rows[a] * cols[b]));
        }
        return Math.Clamp(mutual / ((hu + hv) / 2), 0.0, 1.0);
    }
}
