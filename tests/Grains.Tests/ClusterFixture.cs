using ContrastiveOrleans.Experiments.Abstractions;
using ContrastiveOrleans.Grains.Durability;
using ContrastiveOrleans.Grains.Hosting;
using ContrastiveOrleans.Grains.Storage;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Storage;
using Orleans.TestingHost;

namespace ContrastiveOrleans.Grains.Tests;

/// <summary>One in-process silo with two worker slots and a temp result store, shared by the engine tests.</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    private const string HeldStorage = "sweeps-memory";

    public string StoreDirectory { get; } = Path.Combine(Path.GetTempPath(), $"contrastive-test-store-{Guid.NewGuid():N}");

    private FileResultStore? _files;

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IClusterClient Client => Cluster.Client;

    /// <summary>The silo's result store (registered before the sweeps' own, which then stands aside).</summary>
    public ForgettingResultStore Store { get; private set; } = null!;

    /// <summary>Sweep state writes a test can hold back (the sweeps' storage, registered before theirs).</summary>
    public WriteHolds Writes { get; } = new();

    public async ValueTask InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        _files = new FileResultStore(StoreDirectory);
        Store = new ForgettingResultStore(_files);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddSingleton<IResultStore>(Store);
            silo.AddMemoryGrainStorage(HeldStorage);
            silo.Services.AddKeyedSingleton<IGrainStorage>(SweepStorage.ProviderName,
                (services, _) => new HoldingGrainStorage(services.GetRequiredKeyedService<IGrainStorage>(HeldStorage), Writes));
            silo.Services.AddSingleton(new ExperimentCatalog([.. ExperimentCatalog.Default.All, new NativeFlakyExperiment()]));
            silo.AddContrastiveSweeps(o =>
            {
                o.StoreDirectory = StoreDirectory;
                o.Workers = 2;
                // bench-noop does not use torch; loading libtorch would only slow the tests.
                o.ConfigureTorchThreads = false;
            });
        });
        // As the silo does for the sweep's point calls (AddContrastiveSweeps): a cancelled call ends once the callee stopped.
        builder.ConfigureClient(client => client.Configure<ClientMessagingOptions>(o => o.WaitForCancellationAcknowledgement = true));
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Cluster.DisposeAsync();
        if (_files is not null) await _files.DisposeAsync();
        if (Directory.Exists(StoreDirectory)) Directory.Delete(StoreDirectory, recursive: true);
    }
}
