namespace ContrastiveOrleans.Client;

/// <summary>A bad command line (unknown command or flag, bad flag value): one line, exit code 2.</summary>
public sealed class UsageException : Exception
{
    public UsageException()
    {
    }

    public UsageException(string message) : base(message)
    {
    }

    public UsageException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
