namespace ContrastiveOrleans.Experiments.Abstractions;

/// <summary>Which way a metric is better: what `best` ranks by default, and what a reader of a table looks for.</summary>
public enum MetricGoal
{
    /// <summary>Neither (a diagnostic, a count, or a value with a target such as coverage ≈ 1 − α).</summary>
    None,
    Higher,
    Lower,
}
