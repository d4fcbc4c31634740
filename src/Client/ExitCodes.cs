namespace ContrastiveOrleans.Client;

/// <summary>Process exit codes of `contrastive`.</summary>
public static class ExitCodes
{
    public const int Success = 0;
    public const int PointsFailed = 1;
    public const int BadInput = 2;

    /// <summary>Ctrl-C: finished results were kept; 128 + SIGINT as shells report it.</summary>
    public const int Cancelled = 130;
}
