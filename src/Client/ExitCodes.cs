namespace ContrastiveOrleans.Client;

/// <summary>Process exit codes of `contrastive`.</summary>
public static class ExitCodes
{
    public const int Success = 0;
    public const int PointsFailed = 1;
    public const int BadInput = 2;

    /// <summary>The cluster could not be reached (cluster commands).</summary>
    public const int ClusterUnavailable = 3;

    /// <summary>`results` of a sweep still running: the finished points were written.</summary>
    public const int NotFinished = 4;

    /// <summary>Ctrl-C: finished results were kept; 128 + SIGINT as shells report it.</summary>
    public const int Cancelled = 130;
}
