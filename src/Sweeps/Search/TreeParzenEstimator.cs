namespace ContrastiveOrleans.Sweeps.Search;

/// <summary>
/// The tree-structured Parzen estimator (Bergstra et al., NeurIPS 2011) over a sweep's random space: after
/// <see cref="TpeOptions.StartupTrials"/> random configurations, the trials are split into the best γ share (at most
/// <see cref="TpeOptions.MaxGood"/>), whose values form the density l(x), and the rest, g(x), one Parzen estimator per
/// dimension (numbers on their own scale: log for log-uniform, integers as the continuum around them; choices as
/// counts plus one); the suggestion is the one of <see cref="TpeOptions.Candidates"/> draws from l that maximises
/// l(x)/g(x). Seeded: the same trials and seed give the same suggestion, on every machine (SplitMix64).
/// </summary>
public sealed class TreeParzenEstimator
{
    private readonly IReadOnlyList<RandomDimension> _space;
    private readonly TpeOptions _options;

    public TreeParzenEstimator(IReadOnlyList<RandomDimension> space, TpeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(space);
        if (space.Count == 0) throw new ArgumentException("the search space has no dimensions", nameof(space));
        _space = space;
        _options = options ?? new TpeOptions();
    }

    /// <summary>Configurations drawn at random before the model is used.</summary>
    public int StartupTrials => _options.StartupTrials;

    public IReadOnlyList<RandomDimension> Space => _space;

    /// <summary>A proposal from <paramref name="trials"/> (the model built anew; a search keeps one, <see cref="TpeModel"/>).</summary>
    public IReadOnlyDictionary<string, object> Suggest(IReadOnlyList<Trial> trials, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(trials);
        var model = new TpeModel(this);
        foreach (var t in trials) model.Add(t);
        return Suggest(model, seed);
    }

    public IReadOnlyDictionary<string, object> Suggest(TpeModel model, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(model);
        var rng = new SplitMix64(seed);
        if (model.Count < _options.StartupTrials) return _space.ToDictionary(d => d.Name, d => d.Draw(rng), StringComparer.Ordinal);
        // Ties in the loss are broken by the order of the trials, so the split is a function of the trials alone.
        var good = Math.Clamp((int)Math.Ceiling(_options.Gamma * model.Count), 1, Math.Min(_options.MaxGood, model.Count - 1));
        var best = model.Best(good);

        var chosen = new Dictionary<string, object>(StringComparer.Ordinal);
        // Dimensions are independent under the estimator, so each picks its own best of the candidates.
        for (var d = 0; d < _space.Count; d++)
        {
            var dimension = _space[d];
            if (dimension.Kind == DistributionKind.Choice)
            {
                var l = CategoryWeights(dimension, best);
                var g = Normalised(model.CountsWithout(d, best));
                var top = Enumerable.Range(0, _options.Candidates).Select(_ => SampleCategory(l, rng)).Distinct()
                    .OrderByDescending(c => Math.Log(l[c]) - Math.Log(g[c])).ThenBy(c => c).First();
                chosen[dimension.Name] = dimension.Choices[top];
                continue;
            }
            var (low, high) = Bounds(dimension);
            var lDensity = new ParzenDensity([.. best.Select(t => Scale(dimension, t.Values[dimension.Name]))], low, high);
            var gDensity = ParzenDensity.FromSorted(model.SortedWithout(d, best), low, high, model.Buffers);
            var candidates = Enumerable.Range(0, _options.Candidates).Select(_ => lDensity.Sample(rng)).ToList();
            var pick = candidates.MaxBy(x => lDensity.LogDensity(x) - gDensity.LogDensity(x));
            chosen[dimension.Name] = Unscale(dimension, pick);
        }
        return chosen;
    }

    /// <summary>Counts plus one each (the prior), normalised.</summary>
    private static double[] Normalised(int[] counts)
    {
        var total = counts.Sum() + (double)counts.Length;
        return [.. counts.Select(c => (c + 1) / total)];
    }

    private static (double Low, double High) Bounds(RandomDimension d) => d.Kind switch
    {
        DistributionKind.LogUniform => (Math.Log(d.Low), Math.Log(d.High)),
        DistributionKind.IntUniform => (d.Low - 0.5, d.High + 0.5),
        _ => (d.Low, d.High),
    };

    internal static double Scale(RandomDimension d, object value)
    {
        var x = Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture);
        return d.Kind == DistributionKind.LogUniform ? Math.Log(x) : x;
    }

    // Each arm boxed as itself: the arms' common type would otherwise turn the integer into a double.
    private static object Unscale(RandomDimension d, double x) => d.Kind switch
    {
        DistributionKind.LogUniform => (object)Math.Clamp(Math.Exp(x), d.Low, d.High),
        DistributionKind.IntUniform => (object)(long)Math.Clamp(Math.Round(x, MidpointRounding.AwayFromZero), d.Low, d.High),
        _ => (object)x,
    };

    /// <summary>Each choice's probability: its count among the trials plus one (the prior), normalised.</summary>
    private static double[] CategoryWeights(RandomDimension d, IReadOnlyList<Trial> trials)
    {
        var counts = d.Choices.Select(_ => 1.0).ToArray();
        foreach (var t in trials)
        {
            var index = IndexOf(d.Choices, t.Values[d.Name]);
            if (index >= 0) counts[index]++;
        }
        var total = counts.Sum();
        return [.. counts.Select(c => c / total)];
    }

    internal static int IndexOf(IReadOnlyList<object> choices, object value)
    {
        for (var i = 0; i < choices.Count; i++) if (Equals(choices[i], value)) return i;
        return -1;
    }

    private static int SampleCategory(double[] weights, SplitMix64 rng)
    {
        var u = rng.NextDouble();
        var cumulative = 0.0;
        for (var i = 0; i < weights.Length; i++)
        {
            cumulative += weights[i];
            if (u < cumulative) return i;
        }
        return weights.Length - 1;
    }
}
