namespace ContrastiveOrleans.Sweeps.Search;

/// <summary>
/// The trials a tree-structured Parzen estimator proposes from, kept so that a proposal costs O(n) without a sort: the
/// trials ranked by loss (ties in trial order), each numeric dimension's values sorted on its own scale, each choice's
/// counts. A proposal takes the best γ share (at most MaxGood) as l(x) and the rest, read off the sorted values in one
/// pass, as g(x). Adding a trial is O(n) at worst (an insertion into each sorted list).
/// </summary>
public sealed class TpeModel
{
    private readonly TreeParzenEstimator _estimator;
    private readonly List<Trial> _trials = [];
    private readonly SortedSet<(double Loss, int Index)> _ranked = [];
    private readonly List<double>[] _sorted;
    private readonly int[][] _counts;
    private readonly List<double> _rest = [];

    /// <summary>Where g(x) of the dimension being proposed is built, reused from proposal to proposal.</summary>
    internal ParzenBuffers Buffers { get; } = new();

    public TpeModel(TreeParzenEstimator estimator)
    {
        ArgumentNullException.ThrowIfNull(estimator);
        _estimator = estimator;
        _sorted = [.. estimator.Space.Select(_ => new List<double>())];
        _counts = [.. estimator.Space.Select(d => new int[d.Choices.Count])];
    }

    public int Count => _trials.Count;

    public IReadOnlyList<Trial> Trials => _trials;

    public void Add(Trial trial)
    {
        ArgumentNullException.ThrowIfNull(trial);
        _ranked.Add((trial.Loss, _trials.Count));
        _trials.Add(trial);
        for (var d = 0; d < _estimator.Space.Count; d++)
        {
            var dimension = _estimator.Space[d];
            if (dimension.Kind == DistributionKind.Choice)
            {
                if (TreeParzenEstimator.IndexOf(dimension.Choices, trial.Values[dimension.Name]) is var i and >= 0) _counts[d][i]++;
                continue;
            }
            var value = TreeParzenEstimator.Scale(dimension, trial.Values[dimension.Name]);
            var sorted = _sorted[d];
            var at = sorted.BinarySearch(value);
            sorted.Insert(at < 0 ? ~at : at, value);
        }
    }

    /// <summary>The best <paramref name="good"/> trials, by loss then trial order.</summary>
    public IReadOnlyList<Trial> Best(int good) => [.. _ranked.Take(good).Select(r => _trials[r.Index])];

    /// <summary>Dimension <paramref name="d"/>'s sorted values without those of <paramref name="best"/> (one instance
    /// each), in a list the model reuses: valid until the next call.</summary>
    public IReadOnlyList<double> SortedWithout(int d, IReadOnlyList<Trial> best)
    {
        ArgumentNullException.ThrowIfNull(best);
        var dimension = _estimator.Space[d];
        var removed = best.Select(t => TreeParzenEstimator.Scale(dimension, t.Values[dimension.Name])).Order().ToArray();
        var sorted = _sorted[d];
        var rest = _rest;
        rest.Clear();
        var j = 0;
        foreach (var value in sorted)
        {
            // The same values, computed the same way: equal exactly.
            if (j < removed.Length && value.Equals(removed[j]))
            {
                j++;
                continue;
            }
            rest.Add(value);
        }
        return rest;
    }

    /// <summary>Choice dimension <paramref name="d"/>'s counts over the trials not in <paramref name="best"/>.</summary>
    public int[] CountsWithout(int d, IReadOnlyList<Trial> best)
    {
        ArgumentNullException.ThrowIfNull(best);
        var dimension = _estimator.Space[d];
        var counts = (int[])_counts[d].Clone();
        foreach (var t in best) if (TreeParzenEstimator.IndexOf(dimension.Choices, t.Values[dimension.Name]) is var i and >= 0) counts[i]--;
        return counts;
    }
}
