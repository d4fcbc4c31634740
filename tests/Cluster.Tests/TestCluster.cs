namespace ContrastiveOrleans.Cluster.Tests;

/// <summary>
/// Silo processes of one cluster against an <see cref="Tests.Azurite"/> of its own (so the default cluster id is
/// unique), configured by environment variables as deploy/ does.
/// </summary>
internal sealed class TestCluster(Azurite azurite) : IAsyncDisposable
{
    private readonly List<ChildProcess> _silos = [];
    private readonly List<int> _ports = [];

    /// <summary>Silo and gateway ports of every silo started.</summary>
    public IReadOnlyList<int> Ports => _ports;

    public IReadOnlyList<ChildProcess> Silos => _silos;

    /// <summary>The CLI's --cluster value: the connection string itself (tests must not race on process environment).</summary>
    public string ClusterArgument => azurite.ConnectionString;

    /// <param name="extra">More environment for every silo (e.g. DOTNET_SHUTDOWNTIMEOUTSECONDS).</param>
    public async Task StartSilos(int count, int workers = 2, IReadOnlyDictionary<string, string>? extra = null)
    {
        var started = new List<ChildProcess>();
        for (var i = 0; i < count; i++)
        {
            int siloPort = Tests.Ports.Free(), gatewayPort = Tests.Ports.Free();
            _ports.AddRange([siloPort, gatewayPort]);
            var environment = new Dictionary<string, string>
            {
                ["Contrastive__Clustering"] = "AzureTable",
                ["Contrastive__GrainStorage"] = "AzureBlob",
                ["Contrastive__ResultStore"] = "AzureBlob",
                ["Contrastive__AzureStorage"] = azurite.ConnectionString,
                ["Contrastive__SiloPort"] = $"{siloPort}",
                ["Contrastive__GatewayPort"] = $"{gatewayPort}",
                ["Contrastive__Workers"] = $"{workers}",
                // Fast failure detection so a killed silo is declared dead within seconds.
                ["Contrastive__Membership__ProbeTimeout"] = "00:00:01",
                ["Contrastive__Membership__NumMissedProbesLimit"] = "2",
                ["Contrastive__Membership__NumVotesForDeathDeclaration"] = "1",
                ["DOTNET_ENVIRONMENT"] = "Production",
            };
            foreach (var (key, value) in extra ?? new Dictionary<string, string>()) environment[key] = value;
            started.Add(new ChildProcess(Repo.SiloDll, [], environment));
        }
        _silos.AddRange(started);
        foreach (var silo in started) await silo.WaitForOutput("Application started", TimeSpan.FromSeconds(60));
    }

    /// <summary>
    /// Once the only silo's log shows the sweep's shard 0 running (beside its root), starts a second silo and returns it:
    /// killing <paramref name="host"/> then takes the root and its shard down together.
    /// </summary>
    public async Task<ChildProcess> JoinOnceTheShardRuns(ChildProcess host, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(host);
        await host.WaitForOutput(": shard 0 running indices", timeout);
        await StartSilos(1);
        return _silos.Single(s => s != host);
    }

    /// <summary>Every line any silo printed, for the secret-leak assertions.</summary>
    public string AllOutput => string.Join("\n", _silos.Select(s => s.Output));

    /// <summary>The silo whose log says it started the (only) sweep: where the sweep grain lives.</summary>
    public async Task<ChildProcess> SweepHost(TimeSpan timeout)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (true)
        {
            var host = _silos.FirstOrDefault(s => !s.HasExited && s.Output.Contains(" started: ", StringComparison.Ordinal));
            if (host is not null) return host;
            if (DateTimeOffset.UtcNow > deadline) throw new TimeoutException("no silo logged a sweep start:\n" + AllOutput[^Math.Min(AllOutput.Length, 4000)..]);
            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var silo in _silos) await silo.DisposeAsync();
    }
}
