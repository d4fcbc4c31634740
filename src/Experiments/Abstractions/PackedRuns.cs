namespace ContrastiveOrleans.Experiments.Abstractions;

/// <summary>
/// The frame of <see cref="IPackableExperiment.RunPacked"/>: start every point (its data phase), train them as one
/// program, evaluate each point that did not fail, and dispose the points innermost first (each opened its dispose
/// scope inside the previous one's).
/// </summary>
public static class PackedRuns
{
    /// <param name="train">Trains the points together; entry i is the failure of point i alone, or null.</param>
    /// <param name="evaluate">Point i's metrics after training (its eval phase).</param>
    public static IReadOnlyList<PackedOutcome> Run<TRun>(
        IReadOnlyList<ExperimentContext> contexts,
        Func<ExperimentContext, TRun> start,
        Func<IReadOnlyList<TRun>, IReadOnlyList<Exception?>> train,
        Func<TRun, int, IReadOnlyDictionary<string, double>> evaluate,
        CancellationToken cancellationToken)
        where TRun : IDisposable
    {
        ArgumentNullException.ThrowIfNull(contexts);
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(evaluate);
        var runs = new List<TRun>(contexts.Count);
        try
        {
            foreach (var context in contexts) runs.Add(start(context));
            var errors = train(runs);
            var outcomes = new PackedOutcome[runs.Count];
            for (var i = 0; i < runs.Count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                outcomes[i] = errors[i] is { } error ? PackedOutcome.Failed(error) : PackedOutcome.Done(evaluate(runs[i], i));
            }
            return outcomes;
        }
        finally
        {
            for (var i = runs.Count - 1; i >= 0; i--) runs[i].Dispose();
        }
    }
}
