namespace ContrastiveOrleans.Sweeps.Search;

/// <summary>The `search:` section of a sweep file, validated.</summary>
/// <param name="Metric">The metric the search optimises; null only for grid and random (nothing to decide).</param>
/// <param name="Maximize">mode: max (true) or min.</param>
/// <param name="Resource">The integer parameter used as the budget (asha: set per rung; median: counts the epochs spent).</param>
/// <param name="MinResource">asha's first rung.</param>
/// <param name="MaxResource">asha's last rung.</param>
/// <param name="Reduction">asha's η: the best 1/η of a rung move up, and each rung has η times the budget.</param>
/// <param name="Trials">Configurations: random draws per cell (random, asha over random.space) or suggestions (tpe).</param>
/// <param name="Seed">Orders asha's and median's configurations and seeds tpe's proposals.</param>
/// <param name="Grace">median: the resource (e.g. epochs) every point trains for before it may be stopped.</param>
public sealed record SearchSpec(
    SearchAlgorithm Algorithm,
    string? Metric = null,
    bool Maximize = true,
    string? Resource = null,
    long MinResource = 0,
    long MaxResource = 0,
    int Reduction = 3,
    int? Trials = null,
    long Seed = 0,
    long Grace = 0)
{
    /// <summary>Configurations an adaptive search may hold (its decisions are made by one grain over all of them).</summary>
    public const int MaxConfigurations = 10_000;

    public static SearchSpec Default { get; } = new(SearchAlgorithm.Grid);

    /// <summary>True for the strategies that decide as results come in (asha, median, tpe).</summary>
    public bool IsAdaptive => Algorithm is SearchAlgorithm.Asha or SearchAlgorithm.Median or SearchAlgorithm.Tpe;

    /// <summary>asha's budgets: min·η^k below max, then max.</summary>
    public IReadOnlyList<long> Rungs()
    {
        var rungs = new List<long>();
        for (var r = MinResource; r < MaxResource; r = checked(r * Reduction)) rungs.Add(r);
        rungs.Add(MaxResource);
        return rungs;
    }

    public static string Name(SearchAlgorithm algorithm) => algorithm.ToString().ToLowerInvariant();
}
