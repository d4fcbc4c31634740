namespace ContrastiveOrleans.Sweeps.Search;

/// <summary>How a sweep chooses its points (`search.algorithm`).</summary>
public enum SearchAlgorithm
{
    /// <summary>Every grid cell (and every random draw): the sharded engine, any size.</summary>
    Grid,

    /// <summary>Draws from random.space (search.trials of them per cell): the sharded engine, any size.</summary>
    Random,

    /// <summary>Asynchronous successive halving: every configuration starts at min_resource, the best 1/η move up a rung.</summary>
    Asha,

    /// <summary>Every configuration at its own budget, stopped where its metric falls behind the median of those completed.</summary>
    Median,

    /// <summary>The tree-structured Parzen estimator proposes each next configuration from those completed.</summary>
    Tpe,
}
