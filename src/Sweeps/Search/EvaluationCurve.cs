namespace ContrastiveOrleans.Sweeps.Search;

/// <summary>A metric at the training steps a run evaluated it (increasing steps).</summary>
public sealed record EvaluationCurve(long[] Steps, double[] Values);
