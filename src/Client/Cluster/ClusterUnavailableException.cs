namespace ContrastiveOrleans.Client.Cluster;

/// <summary>The cluster cannot be reached: one line (without the connection string), exit code 3.</summary>
public sealed class ClusterUnavailableException : Exception
{
    public ClusterUnavailableException()
    {
    }

    public ClusterUnavailableException(string message) : base(message)
    {
    }

    public ClusterUnavailableException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
