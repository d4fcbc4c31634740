using ContrastiveOrleans.Grains.Contracts;
using ContrastiveOrleans.Grains.Workers;
using Microsoft.Extensions.DependencyInjection;

namespace ContrastiveOrleans.Grains.Tests;

[Collection(ClusterDefinition.Name)]
public sealed class SweepGrainTests(ClusterFixture fixture)
{
    private static string Spec(string name, string grid, string extra = "") =>
        $"name: {name}\nexperiment: bench-noop\nseeds: 2\ngrid:\n{grid}\n{extra}";

    [Fact]
    public async Task Failing_points_do_not_stop_the_sweep()
    {
        var plan = SpecText.Plan(Spec("fails", "  x: [101, 102]\n  fail: [false, true]"));
        var (progress, results) = await new SweepDriver(fixture.Client, plan).RunToEnd();
        Assert.Equal(SweepState.Completed, progress.State);
        Assert.Equal((8, 4, 4, 0), (progress.Total, progress.Done, progress.Failed, progress.Pending));
        Assert.Equal(8, results.Length);
        Assert.All(results.Where(r => r.Status == PointStatus.Failed), r => Assert.Equal("failed on purpose (fail: true)", r.Error));
        Assert.All(results.Where(r => r.Status == PointStatus.Done), r => Assert.Equal(r.Seed, r.Metrics["seed"]));
        Assert.Equal([101.0, 101.0, 102.0, 102.0], results.Where(r => r.Status == PointStatus.Done).Select(r => r.Metrics["value"]).Order());
    }

    [Fact]
    public async Task Points_shared_by_two_sweeps_are_computed_once_and_failures_are_retried()
    {
        var first = SpecText.Plan(Spec("share-a", "  x: [201, 202]\n  fail: [false, true]"));
        var (a, _) = await new SweepDriver(fixture.Client, first).RunToEnd();
        Assert.Equal((0, 4, 4), (a.Cached, a.Done, a.Failed));

        // Shares x = 202 (done and failed) with the first sweep and adds x = 203.
        var second = SpecText.Plan(Spec("share-b", "  x: [202, 203]\n  fail: [false, true]"));
        var (b, results) = await new SweepDriver(fixture.Client, second).RunToEnd();
        Assert.Equal((2, 4, 4), (b.Cached, b.Done, b.Failed));
        var cached = results.Where(r => r.Cached).ToList();
        Assert.All(cached, r => Assert.Equal((PointStatus.Done, 202.0), (r.Status, r.Metrics["value"])));
        Assert.DoesNotContain(results, r => r.Cached && r.Status == PointStatus.Failed);
    }

    [Fact]
    public async Task A_cancelled_sweep_keeps_finished_points_and_a_rerun_reuses_them()
    {
        var plan = SpecText.Plan(Spec("resume", "  x: [301, 302, 303, 304, 305, 306]", "params: {sleep_ms: 150}\n"));
        var driver = new SweepDriver(fixture.Client, plan);
        await driver.Start();
        await driver.WaitUntil(p => p.Done >= 2);
        await driver.Grain.Cancel(TestContext.Current.CancellationToken);
        var cancelled = await driver.WaitUntil(p => p.IsFinal);
        Assert.Equal(SweepState.Cancelled, cancelled.State);
        // Cancelled means stopped: the silo waits for each point to acknowledge before the sweep settles.
        Assert.Equal(0, fixture.Cluster.Silos[0].SiloHost.Services.GetRequiredService<WorkerPool>().Active);
        Assert.Equal(0, cancelled.Failed);
        Assert.True(cancelled.Skipped > 0, $"skipped {cancelled.Skipped}");
        Assert.Equal(plan.Count, cancelled.Done + cancelled.Skipped);
        var finished = (await SweepDriver.Results(driver.Grain)).Select(r => r.Id).ToHashSet();

        var (rerun, results) = await new SweepDriver(fixture.Client, plan).RunToEnd();
        Assert.Equal(SweepState.Completed, rerun.State);
        Assert.Equal((plan.Count, cancelled.Done), (rerun.Done, rerun.Cached));
        Assert.Equal(finished, results.Where(r => r.Cached).Select(r => r.Id).ToHashSet());
    }

    [Fact]
    public async Task Curves_fold_results_by_series_and_x()
    {
        var plan = SpecText.Plan(Spec("curves", "  x: [401, 402]\n  fail: [false, true]",
            "curves:\n  - {name: v, x: x, series: fail, metric: seed}\n"));
        var driver = new SweepDriver(fixture.Client, plan);
        await driver.RunToEnd();
        var rows = await driver.Grain.GetCurves(TestContext.Current.CancellationToken);
        // Failed points carry no metrics: only the fail=false series appears, seeds 0 and 1 → mean 0.5.
        Assert.Equal(["401", "402"], rows.Select(r => r.X));
        Assert.All(rows, r => Assert.Equal(("v", "false", "seed", 2, 0.5), (r.Curve, r.Series, r.Metric, r.N, r.Mean)));
    }

    [Fact]
    public async Task Claims_fold_in_the_shards_into_constant_size_parts()
    {
        var plan = SpecText.Plan(Spec("claims", "  x: [421, 422]\n  fail: [false, true]",
            "claims:\n  - {name: m, metric: seed, at_least: 0}\n  - {name: d, metric: value, difference: {a: {x: 422}, b: {x: 421}, at_least: 0}}\n"));
        var driver = new SweepDriver(fixture.Client, plan);
        await driver.RunToEnd();
        var parts = await driver.Grain.GetClaims(TestContext.Current.CancellationToken);
        // Done points only (fail=false): seeds 0 and 1 under each x. Claim 0 folds their seeds (0, 1, 0, 1); claim 1
        // folds each side's values unpaired: a = x 422 twice, b = x 421 twice.
        var folded = parts.ToDictionary(p => (p.Claim, p.Part), p => Stats.ExactMoments.FromState(p.N, p.Sum, p.Squares));
        Assert.Equal([(0, "mean"), (1, "a"), (1, "b")], folded.Keys.Order());
        Assert.Equal((4L, 0.5), (folded[(0, "mean")].N, folded[(0, "mean")].Mean));
        Assert.Equal((2L, 422.0, 0.0), (folded[(1, "a")].N, folded[(1, "a")].Mean, folded[(1, "a")].Variance));
        Assert.Equal((2L, 421.0), (folded[(1, "b")].N, folded[(1, "b")].Mean));
    }

    [Fact]
    public async Task A_start_retried_while_the_first_is_being_recorded_joins_it()
    {
        var plan = SpecText.Plan(Spec("restart", "  x: [431, 432]"));
        var grain = fixture.Client.GetGrain<ISweepGrain>(plan.NewRunId());
        var definition = plan.ToDefinition(grain.GetPrimaryKeyString());
        var other = SpecText.Plan(Spec("restart-other", "  x: [433]")).ToDefinition(grain.GetPrimaryKeyString());
        var ct = TestContext.Current.CancellationToken;
        // The first start is held inside its record (the definition's write), so the others arrive while it records.
        var hold = fixture.Writes.HoldNext("sweep-definition", grain.GetPrimaryKeyString());
        var first = grain.Start(definition, ct);
        await hold.Entered.WaitAsync(TimeSpan.FromSeconds(30), ct);
        var retry = grain.Start(definition, ct);
        var different = grain.Start(other, ct);
        var refusal = await Assert.ThrowsAnyAsync<InvalidOperationException>(() => different);
        Assert.Contains("is already starting", refusal.Message, StringComparison.Ordinal);
        // The retry, sent before the refused call, is waiting on the first start (Orleans does not promise their order,
        // so give it a moment to arrive): it is answered with the first's outcome, not refused.
        await Task.Delay(100, ct);
        Assert.False(retry.IsCompleted);
        hold.Release();
        var (a, b) = (await first, await retry);
        Assert.Equal((a.State, a.Total), (b.State, b.Total));
        var progress = await grain.GetProgress(ct);
        while (!progress.IsFinal) progress = await grain.GetProgress(ct);
        Assert.Equal((SweepState.Completed, 4L, 0L), (progress.State, progress.Done, progress.Failed));
    }

    [Fact]
    public async Task Never_more_points_in_flight_than_the_concurrency_limit()
    {
        var plan = SpecText.Plan(Spec("limit", "  x: [501, 502, 503, 504, 505, 506]", "params: {sleep_ms: 30}\n"));
        var grain = fixture.Client.GetGrain<ISweepGrain>(plan.NewRunId());
        var progress = await grain.Start(plan.ToDefinition(grain.GetPrimaryKeyString(), maxConcurrency: 1), TestContext.Current.CancellationToken);
        var peak = progress.Running;
        while (!progress.IsFinal)
        {
            progress = await grain.GetProgress(TestContext.Current.CancellationToken);
            peak = Math.Max(peak, progress.Running);
            Assert.Equal(progress.Total, progress.Pending + progress.Running + progress.Done + progress.Failed);
        }
        Assert.Equal(1, peak);
        Assert.Equal(12, progress.Done);
    }
}
