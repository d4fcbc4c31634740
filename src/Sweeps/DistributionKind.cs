namespace ContrastiveOrleans.Sweeps;

/// <summary>How a random-search dimension draws values.</summary>
public enum DistributionKind
{
    Uniform,
    LogUniform,
    IntUniform,
    Choice,
}
