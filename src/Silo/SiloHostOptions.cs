namespace ContrastiveOrleans.Silo;

/// <summary>Configuration section "Contrastive" of the silo host (appsettings, environment Contrastive__*, or args).</summary>
public sealed class SiloHostOptions
{
    public const string Section = "Contrastive";

    public int SiloPort { get; set; } = 11111;

    public int GatewayPort { get; set; } = 30000;

    public string ClusterId { get; set; } = "contrastive";

    public string ServiceId { get; set; } = "contrastive";

    /// <summary>Null: $CONTRASTIVE_STORE, else the XDG cache directory.</summary>
    public string? StoreDirectory { get; set; }

    /// <summary>Worker slots; 0 = cores / threads-per-point.</summary>
    public int Workers { get; set; }

    public int ThreadsPerPoint { get; set; } = 1;
}
