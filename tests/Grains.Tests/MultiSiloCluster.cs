using ContrastiveOrleans.Grains.Hosting;
using Orleans.TestingHost;

namespace ContrastiveOrleans.Grains.Tests;

/// <summary>An in-process cluster of several silos running the engine, over a file store of its own.</summary>
internal sealed class MultiSiloCluster : IAsyncDisposable
{
    private readonly string _store = Path.Combine(Path.GetTempPath(), $"contrastive-silos-{Guid.NewGuid():N}");
    private InProcessTestCluster _cluster = null!;

    public IClusterClient Client => _cluster.Client;

    public static async Task<MultiSiloCluster> StartAsync(short silos, int workers)
    {
        var started = new MultiSiloCluster();
        var builder = new InProcessTestClusterBuilder(silos);
        builder.ConfigureSilo((_, silo) => silo.AddContrastiveSweeps(o =>
        {
            o.StoreDirectory = started._store;
            o.Workers = workers;
            o.ConfigureTorchThreads = false;
        }));
        started._cluster = builder.Build();
        await started._cluster.DeployAsync();
        return started;
    }

    public async ValueTask DisposeAsync()
    {
        await _cluster.DisposeAsync();
        if (Directory.Exists(_store)) Directory.Delete(_store, recursive: true);
    }
}
