namespace ContrastiveOrleans.Grains.Contracts;

/// <summary>
/// A run's training loss against its step, sampled at up to <see cref="Samples"/> evenly spaced fractions of training
/// (the same fractions for every run, so the runs of a series average point by point), ending at the last step.
/// </summary>
/// <param name="TotalSteps">Steps the training was planned for.</param>
/// <param name="Steps">The step of each sample, increasing.</param>
/// <param name="Loss">The loss reported at that step.</param>
/// <param name="EvalSteps">The steps at which the run evaluated its model during training (eval_every), or null.</param>
/// <param name="Eval">Each evaluation metric's value at those steps.</param>
[GenerateSerializer, Immutable]
public sealed record LearningCurve(
    [Id(0)] long TotalSteps,
    [Id(1)] long[] Steps,
    [Id(2)] double[] Loss,
    [Id(3)] long[]? EvalSteps = null,
    [Id(4)] Dictionary<string, double[]>? Eval = null)
{
    /// <summary>Samples per run at most (plus the last step).</summary>
    public const int Samples = 32;

    /// <summary>Evaluations kept per run at most (the first ones; eval_every sets how many a run makes).</summary>
    public const int MaxEvaluations = 256;

    /// <summary>The fraction of training each sample sits at, in (0, 1].</summary>
    public double Fraction(int i) => TotalSteps <= 0 ? 1 : Math.Min(1, (double)Steps[i] / TotalSteps);

    /// <summary>The relative change of the loss over the last quarter of training: near 0 once it has flattened out.</summary>
    public double? LastQuarterChange()
    {
        if (Loss.Length < 2) return null;
        var end = Loss[^1];
        var at = Array.FindLastIndex(Steps, s => TotalSteps > 0 && s <= 0.75 * TotalSteps);
        if (at < 0 || at == Loss.Length - 1) return null;
        var before = Loss[at];
        return before == 0 ? null : (end - before) / Math.Abs(before);
    }
}
