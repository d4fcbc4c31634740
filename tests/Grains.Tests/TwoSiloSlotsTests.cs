using ContrastiveOrleans.Grains.Contracts;

namespace ContrastiveOrleans.Grains.Tests;

/// <summary>The slots a sweep reports (its ETA divides by them) are the cluster's, also under max_concurrency.</summary>
public sealed class TwoSiloSlotsTests : IAsyncLifetime
{
    private MultiSiloCluster _cluster = null!;

    public async ValueTask InitializeAsync() =>
        _cluster = await MultiSiloCluster.StartAsync(2, workers: 2);

    public ValueTask DisposeAsync() => _cluster.DisposeAsync();

    [Theory]
    [InlineData(0, 4)]      // no cap: 2 silos × 2 slots
    [InlineData(100, 4)]    // a cap above the cluster's slots: still the cluster's 4, not one silo's 2
    [InlineData(3, 3)]      // a cap below them
    public async Task Progress_reports_the_cluster_slots_capped_by_max_concurrency(int maxConcurrency, long slots)
    {
        var plan = SpecText.Plan($"name: slots-{maxConcurrency}\nexperiment: bench-noop\nseeds: 2\ngrid:\n  x: [441, 442]\nparams: {{sleep_ms: 20}}\n");
        var grain = _cluster.Client.GetGrain<ISweepGrain>(plan.NewRunId());
        var ct = TestContext.Current.CancellationToken;
        var progress = await grain.Start(plan.ToDefinition(grain.GetPrimaryKeyString(), maxConcurrency: maxConcurrency), ct);
        Assert.Equal(slots, progress.Slots);
        while (!progress.IsFinal) progress = await grain.GetProgress(ct);
        Assert.Equal(4, progress.Done);
    }
}
