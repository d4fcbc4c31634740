using ContrastiveOrleans.Grains.Contracts;

namespace ContrastiveOrleans.Grains.Tests;

/// <summary>A sweep's shards, placed from its root's silo, spread over the cluster (the root's silo last).</summary>
public sealed class ShardPlacementTests : IAsyncLifetime
{
    private MultiSiloCluster _cluster = null!;

    public async ValueTask InitializeAsync() =>
        // Slots enough that the root starts all three shards at once.
        _cluster = await MultiSiloCluster.StartAsync(3, workers: 64);

    public ValueTask DisposeAsync() => _cluster.DisposeAsync();

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
