namespace ContrastiveOrleans.Silo;

/// <summary>What `ContrastiveOrleans.Silo --help` prints: the host is configured, not given commands.</summary>
public static class SiloUsage
{
    public const string Text = """
        usage: ContrastiveOrleans.Silo [--Contrastive:Key=value ...]
        A silo of a contrastive cluster. Configuration: section "Contrastive" of appsettings.json, environment
        Contrastive__Key=value, or --Contrastive:Key=value arguments.
          Clustering        Localhost (one machine) or AzureTable (membership and reminders in Azure Table Storage)
          GrainStorage      sweep state: Memory or AzureBlob (survives a silo's death; required with AzureTable)
          ResultStore       point results: FileSystem (StoreDirectory) or AzureBlob (container ResultContainer)
          AzureStorage      the storage account's connection string (a secret; never logged)
          Address           the IP the silo binds to and advertises (default 127.0.0.1)
          SiloPort, GatewayPort                 ports (default 11111, 30000)
          ClusterId, ServiceId                  ids (default contrastive)
          Workers, ThreadsPerPoint              worker slots (0 = cores / threads) and threads per point
          StoreDirectory                        FileSystem store directory ($CONTRASTIVE_STORE, else ~/.cache/contrastive/store)
          Membership:*                          Orleans ClusterMembershipOptions (e.g. ProbeTimeout)
          Telemetry:OtlpEndpoint, OtlpProtocol, Prometheus, Console, ServiceName, Dashboard, DashboardHost, DashboardPort
        SIGTERM stops gracefully: running points are interrupted and run again elsewhere, finished results are kept;
        the host waits up to $DOTNET_SHUTDOWNTIMEOUTSECONDS (default 25) for that.
        exit codes: 0 stopped, 2 bad configuration (one line per key)
        """;

    public static bool IsRequested(IReadOnlyList<string> args) => args.Any(a => a is "--help" or "-h" or "-?" or "help");
}
