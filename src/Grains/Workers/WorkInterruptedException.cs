namespace ContrastiveOrleans.Grains.Workers;

/// <summary>
/// A point's work was stopped because its silo is shutting down, not because the sweep asked: the caller runs the
/// point again (elsewhere); it is neither a result nor a failure.
/// </summary>
public sealed class WorkInterruptedException : Exception
{
    public WorkInterruptedException() : base("interrupted: the silo running this point is shutting down")
    {
    }

    public WorkInterruptedException(string message) : base(message)
    {
    }

    public WorkInterruptedException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
