namespace ContrastiveOrleans.Sweeps.Search;

/// <summary>What a unit's points came to: the mean of the metric over its seeds, or null when a seed failed.</summary>
/// <param name="Stopped">A seed was stopped early (median): the unit is not a finished configuration.</param>
/// <param name="Curves">The metric as evaluated during training, one curve per seed (median's reference), or empty.</param>
public sealed record SearchOutcome(int Sequence, double? Score, bool Stopped, IReadOnlyList<EvaluationCurve> Curves)
{
    public static SearchOutcome Of(int sequence, double? score) => new(sequence, score, false, []);
}
