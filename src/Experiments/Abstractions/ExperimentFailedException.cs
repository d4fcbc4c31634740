namespace ContrastiveOrleans.Experiments.Abstractions;

/// <summary>A run that ended without valid metrics for a reason worth showing the user (e.g. NaN loss).</summary>
public sealed class ExperimentFailedException : Exception
{
    public ExperimentFailedException()
    {
    }

    public ExperimentFailedException(string message) : base(message)
    {
    }

    public ExperimentFailedException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
