using ContrastiveOrleans.Grains.Contracts;
using ContrastiveOrleans.Grains.Storage;
using ContrastiveOrleans.Grains.Workers;
using Microsoft.Extensions.DependencyInjection;

namespace ContrastiveOrleans.Grains.Tests;

[Collection(ClusterDefinition.Name)]
public sealed class PointGrainTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Cancelling_the_callers_token_stops_a_running_point_and_stores_nothing()
    {
        var ct = TestContext.Current.CancellationToken;
        var point = new SweepPoint("c0ffee01c0ffee01c0ffee01c0ffee01", "bench-noop", """{"fail":false,"sleep_ms":60000,"x":0.5}""", 0);
        var pool = fixture.Cluster.Silos[0].SiloHost.Services.GetRequiredService<WorkerPool>();
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var run = fixture.Client.GetGrain<IPointGrain>(point.Id).Run(new PointRequest(point, "cpu"), cancel.Token);
        while (pool.Active == 0) await Task.Delay(20, ct);
        await cancel.CancelAsync();
        try
        {
            Assert.Equal(PointStatus.Cancelled, (await run).Status);
        }
        catch (OperationCanceledException)
        {
            // Orleans may report the call as cancelled instead of passing the point's cancelled result on.
        }
        // The call ends only once the point has stopped (cancellation is acknowledged). Had the experiment ignored the
        // token it would have slept its minute and stored a done result, which the store check below would find.
        Assert.Equal(0, pool.Active);
        await using var store = new FileResultStore(fixture.StoreDirectory);
        Assert.Null(await store.TryGet(point.Id, ct));
    }

    [Fact]
    public async Task A_native_error_is_run_once_more_and_the_second_run_is_the_result()
    {
        var ct = TestContext.Current.CancellationToken;
        var point = new SweepPoint("a11ce0010000000000000000000000a1", NativeFlakyExperiment.ExperimentName, """{"fails":1,"key":"once"}""", 0);
        var result = await fixture.Client.GetGrain<IPointGrain>(point.Id).Run(new PointRequest(point, "cpu"), ct);
        Assert.Equal(PointStatus.Done, result.Status);
        Assert.Equal(2, result.Metrics["runs"]);
        Assert.Equal(2, NativeFlakyExperiment.RunsOf("once"));
    }

    [Fact]
    public async Task A_native_error_that_repeats_fails_the_point_after_two_runs_with_its_message()
    {
        var ct = TestContext.Current.CancellationToken;
        var point = new SweepPoint("a11ce0020000000000000000000000a2", NativeFlakyExperiment.ExperimentName, """{"fails":100,"key":"always"}""", 0);
        var result = await fixture.Client.GetGrain<IPointGrain>(point.Id).Run(new PointRequest(point, "cpu"), ct);
        Assert.Equal(PointStatus.Failed, result.Status);
        Assert.StartsWith("ExternalException: Expected false to be true", result.Error, StringComparison.Ordinal);
        // Once more, not forever: a deterministic native error costs one extra run.
        Assert.Equal(2, NativeFlakyExperiment.RunsOf("always"));
    }
}
