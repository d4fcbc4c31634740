namespace ContrastiveOrleans.Grains.Search;

/// <summary>Thrown from a training run's progress report when its stopping rule ends it: unwinds the run like any
/// exception (its tensors are disposed on the way), and the point grain records the point as stopped.</summary>
public sealed class TrainingStoppedException : Exception
{
    public TrainingStoppedException()
    {
    }

    public TrainingStoppedException(string message) : base(message)
    {
    }

    public TrainingStoppedException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public TrainingStoppedException(long step, long totalSteps, string metric, double value, double median)
        : base(FormattableString.Invariant($"stopped at step {step} of {totalSteps}: best {metric} so far {value:G4} is worse than the median {median:G4} of completed points"))
    {
        (Step, TotalSteps, Metric, Value, Median) = (step, totalSteps, metric, value, median);
    }

    public long Step { get; }

    public long TotalSteps { get; }

    public string Metric { get; } = "";

    public double Value { get; }

    public double Median { get; }
}
