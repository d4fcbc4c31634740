using ContrastiveOrleans.Grains.Contracts;
using ContrastiveOrleans.Grains.Hosting;
using Orleans.TestingHost;

namespace ContrastiveOrleans.Grains.Tests;

/// <summary>A sweep's shards, placed from its root's silo, spread over the cluster (the root's silo last).</summary>
public sealed class ShardPlacementTests : IAsyncLifetime
{
    private readonly string _store = Path.Combine(Path.GetTempPath(), $"contrastive-shard-placement-{Guid.NewGuid():N}");
    private InProcessTestCluster _cluster = null!;

    public async ValueTask InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(3);
        builder.ConfigureSilo((_, silo) => silo.AddContrastiveSweeps(o =>
        {
            o.StoreDirectory = _store;
            // 3 x 64 slots: the root starts three shards of 64 at once.
            o.Workers = 64;
            o.ConfigureTorchThreads = false;
        }));
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _cluster.DisposeAsync();
        if (Directory.Exists(_store)) Directory.Delete(_store, recursive: true);
    }

    [Fact]
    public async Task Three_shards_started_together_run_on_three_silos_and_the_first_two_off_the_roots()
    {
        var ct = TestContext.Current.CancellationToken;
        // 3 x 4,096 indices: three shards of the minimum size; points of 10 s, cancelled long before they finish.
        var plan = SpecText.Plan("name: spread\nexperiment: bench-noop\nseeds: 12\ngrid:\n" +
            $"  x: [{string.Join(", ", Enumerable.Range(1, 1024))}]\nparams: {{sleep_ms: 10000}}\n");
        var root = _cluster.Client.GetGrain<ISweepGrain>(plan.NewRunId());
        await root.Start(plan.ToDefinition(root.GetPrimaryKeyString()), ct);
        try
        {
            var management = _cluster.Client.GetGrain<IManagementGrain>(0);
            var rootSilo = await management.GetActivationAddress(root, ct);
            Assert.NotNull(rootSilo);
            var shardSilos = new List<SiloAddress>();
            for (var k = 0; k < 3; k++)
            {
                var shard = _cluster.Client.GetGrain<ISweepShardGrain>(SweepGrain.ShardKey(root.GetPrimaryKeyString(), k));
                var address = await management.GetActivationAddress(shard, ct);
                Assert.True(address is not null, $"shard {k} was not started with the sweep");
                shardSilos.Add(address);
            }
            Assert.Equal(3, shardSilos.Distinct().Count());
            Assert.NotEqual(rootSilo, shardSilos[0]);
            Assert.NotEqual(rootSilo, shardSilos[1]);
            Assert.Equal(rootSilo, shardSilos[2]);
        }
        finally
        {
            await root.Cancel(ct);
        }
    }
}
