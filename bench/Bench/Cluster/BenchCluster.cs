using System.Net;
using System.Net.Sockets;

namespace ContrastiveOrleans.Bench.Cluster;

/// <summary>
/// The README's cluster recipe on loopback: Azurite (in memory) behind byte-counting relays, and silo processes of
/// this build configured as deploy/ does (Azure Table membership, Azure Blob state and results).
/// </summary>
public sealed class BenchCluster : IAsyncDisposable
{
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private readonly List<BenchProcess> _silos = [];
    private readonly string _root;
    private BenchProcess _azurite = null!;
    private CountingProxy _blob = null!;
    private CountingProxy _table = null!;
    private CountingProxy _queue = null!;

    private BenchCluster(string root) => _root = root;

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{_blob.Port}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{_queue.Port}/devstoreaccount1;" +
        $"TableEndpoint=http://127.0.0.1:{_table.Port}/devstoreaccount1";

    public IReadOnlyList<BenchProcess> Silos => _silos;

    /// <summary>Bytes sent to Blob and Table storage so far, by everyone.</summary>
    public long StorageBytes => _blob.BytesSent + _table.BytesSent;

    public double SiloCpuSeconds => _silos.Sum(s => s.CpuSeconds);

    public double AzuriteCpuSeconds => _azurite.CpuSeconds;

    public static async Task<BenchCluster> StartAsync(string repoRoot, int silos, int workers)
    {
        var cluster = new BenchCluster(repoRoot);
        var azurite = Environment.GetEnvironmentVariable("CONTRASTIVE_AZURITE") is { Length: > 0 } path ? path : Path.Combine(repoRoot, ".tools", "azurite", "node_modules", ".bin", "azurite");
        if (!File.Exists(azurite)) throw new InvalidOperationException($"{azurite} is missing: run `source build/test-prerequisites.sh && install_test_prerequisites`");
        int blob = Testing.LoopbackPorts.Free(), queue = Testing.LoopbackPorts.Free(), table = Testing.LoopbackPorts.Free();
        cluster._azurite = new BenchProcess(azurite, ["--inMemoryPersistence", "--skipApiVersionCheck", "--loose", "--silent",
            "--blobHost", "127.0.0.1", "--blobPort", $"{blob}", "--queueHost", "127.0.0.1", "--queuePort", $"{queue}", "--tableHost", "127.0.0.1", "--tablePort", $"{table}"]);
        foreach (var port in new[] { blob, queue, table }) await WaitListening(port);
        cluster._blob = new CountingProxy(blob);
        cluster._table = new CountingProxy(table);
        cluster._queue = new CountingProxy(queue);
        await cluster.AddSilos(silos, workers);
        return cluster;
    }

    public async Task AddSilos(int count, int workers)
    {
        var dll = Path.Combine(_root, "src", "Silo", "bin", "Release", "net10.0", "ContrastiveOrleans.Silo.dll");
        var started = new List<BenchProcess>();
        for (var i = 0; i < count; i++)
        {
            var environment = new Dictionary<string, string>
            {
                ["Contrastive__Clustering"] = "AzureTable",
                ["Contrastive__GrainStorage"] = "AzureBlob",
                ["Contrastive__ResultStore"] = "AzureBlob",
                ["Contrastive__AzureStorage"] = ConnectionString,
                ["Contrastive__SiloPort"] = $"{Testing.LoopbackPorts.Free()}",
                ["Contrastive__GatewayPort"] = $"{Testing.LoopbackPorts.Free()}",
                ["Contrastive__Workers"] = $"{workers}",
                ["Contrastive__Membership__ProbeTimeout"] = "00:00:02",
                ["Contrastive__Membership__NumMissedProbesLimit"] = "2",
                ["Contrastive__Membership__NumVotesForDeathDeclaration"] = "1",
                ["DOTNET_ENVIRONMENT"] = "Production",
                ["Logging__Console__FormatterName"] = "simple",
                // Up to 8 silo processes share 2 cores here: idle thread-pool threads must sleep, not spin for work
                // (each process's spinning took CPU the others' points needed). A silo on a machine of its own needs neither.
                ["DOTNET_ThreadPool_UnfairSemaphoreSpinLimit"] = "0",
                ["DOTNET_TieredPGO"] = "0",
            };
            foreach (var variable in (Environment.GetEnvironmentVariable("BENCH_SILO_ENV") ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries))
            {
                environment[variable.Split('=')[0]] = variable.Split('=', 2)[1];
            }
            started.Add(new BenchProcess("dotnet", [dll], environment));
        }
        _silos.AddRange(started);
        foreach (var silo in started) await silo.WaitFor("Application started", TimeSpan.FromMinutes(2));
    }

    /// <summary>The silo whose log says it started sweep <paramref name="runId"/> (its root lives there).</summary>
    public BenchProcess? RootHost(string runId) => _silos.FirstOrDefault(s => !s.HasExited && s.Output.Contains($"Sweep {runId} started:", StringComparison.Ordinal));

    /// <summary>A live silo running a shard of <paramref name="runId"/> other than <paramref name="except"/>.</summary>
    public BenchProcess? ShardHost(string runId, BenchProcess? except) =>
        _silos.FirstOrDefault(s => s != except && !s.HasExited && s.Output.Contains($"Sweep {runId}: shard ", StringComparison.Ordinal));

    private static async Task WaitListening(int port)
    {
        for (var i = 0; i < 200; i++)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }
        throw new TimeoutException($"nothing listens on {port}");
    }

    public async ValueTask DisposeAsync()
    {
        // $BENCH_LOGS: every silo's output kept for diagnosis.
        if (Environment.GetEnvironmentVariable("BENCH_LOGS") is { Length: > 0 } logs)
        {
            Directory.CreateDirectory(logs);
            for (var i = 0; i < _silos.Count; i++) await File.WriteAllTextAsync(Path.Combine(logs, $"silo{i}-{_silos[i].Id}.log"), _silos[i].Output);
            await File.WriteAllLinesAsync(Path.Combine(logs, "requests.txt"), _blob.ByKind.Concat(_table.ByKind).OrderByDescending(k => k.Value.Bytes)
                .Select(k => $"{k.Value.Bytes,12} B {k.Value.Requests,8} requests  {k.Key}"));
        }
        foreach (var silo in _silos) await silo.DisposeAsync();
        await _blob.DisposeAsync();
        await _table.DisposeAsync();
        await _queue.DisposeAsync();
        await _azurite.DisposeAsync();
    }
}
