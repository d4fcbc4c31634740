namespace ContrastiveOrleans.Silo;

/// <summary>
/// Configuration section "Contrastive" of the silo host (appsettings.json, environment <c>Contrastive__Key</c>, or
/// <c>--Contrastive:Key=value</c> arguments). Cluster mode: Clustering=AzureTable, GrainStorage=AzureBlob,
/// ResultStore=AzureBlob and the storage account's connection string in AzureStorage (from a secret, never a file in
/// the image).
/// </summary>
public sealed class SiloHostOptions
{
    public const string Section = "Contrastive";

    /// <summary>Localhost (a single machine, no external service) or AzureTable (membership in Azure Table Storage).</summary>
    public string Clustering { get; set; } = "Localhost";

    /// <summary>Sweep state: Memory (lost with the silo) or AzureBlob (survives it).</summary>
    public string GrainStorage { get; set; } = "Memory";

    /// <summary>Point results: FileSystem (StoreDirectory) or AzureBlob (ResultContainer).</summary>
    public string ResultStore { get; set; } = "FileSystem";

    /// <summary>Azure Storage connection string; a secret, never logged.</summary>
    public string? AzureStorage { get; set; }

    public string ResultContainer { get; set; } = "contrastive-results";

    public string StateContainer { get; set; } = "contrastive-state";

    /// <summary>The IP address the silo binds to and advertises; loopback unless configured (e.g. the pod IP).</summary>
    public string Address { get; set; } = "127.0.0.1";

    public int SiloPort { get; set; } = 11111;

    public int GatewayPort { get; set; } = 30000;

    public string ClusterId { get; set; } = "contrastive";

    public string ServiceId { get; set; } = "contrastive";

    /// <summary>Null: $CONTRASTIVE_STORE, else the XDG cache directory.</summary>
    public string? StoreDirectory { get; set; }

    /// <summary>Worker slots; 0 = cores / threads-per-point.</summary>
    public int Workers { get; set; }

    public int ThreadsPerPoint { get; set; } = 1;

    public static readonly string[] ClusteringKinds = ["Localhost", "AzureTable"];
    public static readonly string[] GrainStorageKinds = ["Memory", "AzureBlob"];
    public static readonly string[] ResultStoreKinds = ["FileSystem", "AzureBlob"];

    public bool UsesAzure => Clustering == "AzureTable" || GrainStorage == "AzureBlob" || ResultStore == "AzureBlob";
}
