using ContrastiveOrleans.Grains.Hosting;
using Orleans.Configuration;
using Orleans.TestingHost;

namespace ContrastiveOrleans.Grains.Tests;

/// <summary>One in-process silo with two worker slots and a temp result store, shared by the engine tests.</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public string StoreDirectory { get; } = Path.Combine(Path.GetTempPath(), $"contrastive-test-store-{Guid.NewGuid():N}");

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IClusterClient Client => Cluster.Client;

    public async ValueTask InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) => silo.AddContrastiveSweeps(o =>
        {
            o.StoreDirectory = StoreDirectory;
            o.Workers = 2;
            // bench-noop does not use torch; loading libtorch would only slow the tests.
            o.ConfigureTorchThreads = false;
        }));
        // As the silo does for the sweep's point calls (AddContrastiveSweeps): a cancelled call ends once the callee stopped.
        builder.ConfigureClient(client => client.Configure<ClientMessagingOptions>(o => o.WaitForCancellationAcknowledgement = true));
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Cluster.DisposeAsync();
        if (Directory.Exists(StoreDirectory)) Directory.Delete(StoreDirectory, recursive: true);
    }
}
