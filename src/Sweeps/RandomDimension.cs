namespace ContrastiveOrleans.Sweeps;

/// <summary>A parameter drawn at random: uniform/log-uniform in [Low, High], int-uniform in {Low..High}, or a choice.</summary>
public sealed record RandomDimension(string Name, DistributionKind Kind, double Low, double High, IReadOnlyList<object> Choices)
{
    public object Draw(SplitMix64 rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        var u = rng.NextDouble();
        return Kind switch
        {
            DistributionKind.Uniform => Low + (u * (High - Low)),
            DistributionKind.LogUniform => Math.Exp(Math.Log(Low) + (u * (Math.Log(High) - Math.Log(Low)))),
            DistributionKind.IntUniform => (long)Low + Math.Min((long)Math.Floor(u * (High - Low + 1)), (long)(High - Low)),
            _ => Choices[Math.Min((int)Math.Floor(u * Choices.Count), Choices.Count - 1)],
        };
    }

    /// <summary>A value of the dimension that stands for all of them where a check does not read it.</summary>
    public object Placeholder => Kind switch
    {
        DistributionKind.Choice => Choices[0],
        DistributionKind.IntUniform => (long)Low,
        _ => Low,
    };

    public string Describe() => Kind switch
    {
        DistributionKind.Uniform => "uniform",
        DistributionKind.LogUniform => "log_uniform",
        DistributionKind.IntUniform => "int_uniform",
        _ => "choice",
    };
}
