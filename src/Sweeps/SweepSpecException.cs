namespace ContrastiveOrleans.Sweeps;

/// <summary>A sweep file or CLI input that cannot be run; <see cref="Error"/> is the one line shown to the user.</summary>
public sealed class SweepSpecException : Exception
{
    public SweepSpecException()
    {
        Error = new SpecError("spec", "invalid");
    }

    public SweepSpecException(string message) : base(message)
    {
        Error = new SpecError("spec", message);
    }

    public SweepSpecException(string message, Exception innerException) : base(message, innerException)
    {
        Error = new SpecError("spec", message);
    }

    public SweepSpecException(SpecError error) : base(error?.ToString())
    {
        ArgumentNullException.ThrowIfNull(error);
        Error = error;
    }

    public SpecError Error { get; }

    public static SweepSpecException At(string path, SpecNode? node, string message) =>
        new(new SpecError(path, message, node?.Line ?? 0, node?.Column ?? 0) { Origin = node?.Origin });
}
