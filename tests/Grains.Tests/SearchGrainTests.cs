using System.Collections.Immutable;
using ContrastiveOrleans.Grains.Contracts;
using Orleans.Core.Internal;

namespace ContrastiveOrleans.Grains.Tests;

/// <summary>Adaptive searches on the root grain: asha's rungs, replay of the log after a reactivation, median stopping, cancel.</summary>
[Collection(ClusterDefinition.Name)]
public sealed class SearchGrainTests(ClusterFixture fixture)
{
    /// <summary>bench-noop echoes x as `value`, whatever the budget (sleep_ms): a rung-invariant score, so the best x must
    /// reach the top rung, and the grid's best is known (x = 27).</summary>
    private static string Asha(string name, int configurations = 27) =>
        $"name: {name}\nexperiment: bench-noop\nseeds: 2\ngrid: {{x: [{string.Join(", ", Enumerable.Range(1, configurations))}]}}\n" +
        "search: {algorithm: asha, metric: value, mode: max, resource: sleep_ms, min_resource: 10, max_resource: 90, reduction: 3, seed: 4}\n";

    [Fact]
    public async Task Asha_promotes_the_top_third_and_the_best_configuration_reaches_the_last_rung()
    {
        var (progress, results) = await new SweepDriver(fixture.Client, SpecText.Plan(Asha("asha-rungs"))).RunToEnd();
        Assert.Equal(SweepState.Completed, progress.State);
        AssertLegalAsha(results, seeds: 2, configurations: 27);
        Assert.Equal(27, progress.Search!.Best);
        Assert.Contains("\"x\":27.0", progress.Search.BestParams, StringComparison.Ordinal);
        Assert.Equal(results.Length, progress.Done);
        // Each point spent its rung's budget: the search's account is the sum over its points.
        Assert.Equal(results.Sum(r => (double)r.Search!.Resource!.Value), progress.Search.ResourceSpent);
        // Far below the grid's 27 × 2 × 90.
        // Successive halving with three rungs spends 3/η² of the grid: 27·10 + 9·30 + 3·90 = 810 per seed of 27·90.
        Assert.True(progress.Search.ResourceSpent <= 27 * 2 * 90 / 3.0, $"spent {progress.Search.ResourceSpent}");
    }

    [Fact]
    public async Task A_search_reactivated_mid_run_replays_its_log_and_one_reactivated_after_reads_the_same_results()
    {
        var driver = new SweepDriver(fixture.Client, SpecText.Plan(Asha("asha-replay")));
        await driver.Start();
        await driver.WaitUntil(p => p.Done >= 12);
        await driver.Grain.Cast<IGrainManagementExtension>().DeactivateOnIdle(TestContext.Current.CancellationToken);
        var progress = await driver.WaitUntil(p => p.IsFinal);
        Assert.Equal(SweepState.Completed, progress.State);
        var results = await SweepDriver.Results(driver.Grain);
        AssertLegalAsha(results, seeds: 2, configurations: 27);

        // A fresh activation of the finished search rebuilds it from the log alone: the same points, marks and reasons.
        await driver.Deactivate();
        var again = await SweepDriver.Results(driver.Grain, pageSize: 7);
        Assert.Equal(results.Select(r => (r.Id, r.Search)), again.Select(r => (r.Id, r.Search)));
        var reread = await driver.Grain.GetProgress(TestContext.Current.CancellationToken);
        Assert.Equal((progress.Done, progress.Search!.Best, progress.Search.Units), (reread.Done, reread.Search!.Best, reread.Search.Units));
    }

    /// <summary>A told unit's result the store lost while the root was away (an emulator restarted without its data):
    /// the replay finds it missing, runs it again and counts it once. Were it left to the check before completion, the
    /// output would have it but the count would not (that check repairs results it counted as they arrived).</summary>
    [Fact]
    public async Task A_result_lost_while_the_root_was_away_runs_again_on_replay_and_is_counted_once()
    {
        // Seeds of its own: the other asha tests' points are in the store, and a search of cached points ends at once.
        var driver = new SweepDriver(fixture.Client, SpecText.Plan(Asha("asha-lost").Replace("seeds: 2", "seeds: [71, 72]", StringComparison.Ordinal)));
        await driver.Start();
        await driver.WaitUntil(p => p.Done >= 12);
        var lost = (await SweepDriver.Results(driver.Grain))[0].Id;
        var putsBefore = fixture.Store.Puts(lost);
        fixture.Store.Forget(lost);
        await driver.Grain.Cast<IGrainManagementExtension>().DeactivateOnIdle(TestContext.Current.CancellationToken);
        var progress = await driver.WaitUntil(p => p.IsFinal);
        Assert.Equal(SweepState.Completed, progress.State);
        var results = await SweepDriver.Results(driver.Grain);
        Assert.Contains(results, r => r.Id == lost);
        Assert.Equal(putsBefore + 1, fixture.Store.Puts(lost));
        Assert.Equal(results.Length, progress.Done);
        AssertLegalAsha(results, seeds: 2, configurations: 27);
    }

    /// <summary>A log whose start is not the unit the strategy now makes (written by another version of the estimator,
    /// or edited) is refused on replay with the reason, not replayed onto the wrong configurations.</summary>
    [Fact]
    public async Task A_log_whose_start_is_not_the_strategys_unit_is_refused_on_replay()
    {
        var driver = new SweepDriver(fixture.Client, SpecText.Plan(Asha("asha-check")));
        var (progress, _) = await driver.RunToEnd();
        Assert.Equal(SweepState.Completed, progress.State);
        var segment = fixture.Client.GetGrain<ISearchLogGrain>($"{driver.Grain.GetPrimaryKeyString()}/log/0");
        var events = await segment.Read(TestContext.Current.CancellationToken);
        Assert.True(events[0].IsStart);
        Assert.NotEqual(0, events[0].Check);
        await segment.Write(events.SetItem(0, events[0] with { Check = events[0].Check ^ 1 }), TestContext.Current.CancellationToken);
        await driver.Deactivate();
        var error = await Assert.ThrowsAnyAsync<Exception>(() => driver.Grain.GetProgress(TestContext.Current.CancellationToken));
        Assert.Contains("search log's start of unit 0 is not the unit its strategy makes now", error.Message, StringComparison.Ordinal);
    }

    /// <summary>600 configurations at rungs of 1, 3 and 9 ms: about 870 decisions, 1,740 log events, two segments; the
    /// root is reactivated after the first segment filled, and once more after the end.</summary>
    [Fact]
    public async Task A_log_of_several_segments_replays_across_them()
    {
        var yaml = Asha("asha-segments", configurations: 600).Replace("seeds: 2", "seeds: 1", StringComparison.Ordinal)
            .Replace("min_resource: 10, max_resource: 90", "min_resource: 1, max_resource: 9", StringComparison.Ordinal);
        var driver = new SweepDriver(fixture.Client, SpecText.Plan(yaml));
        await driver.Start();
        await driver.WaitUntil(p => p.Done >= 600);
        await driver.Grain.Cast<IGrainManagementExtension>().DeactivateOnIdle(TestContext.Current.CancellationToken);
        var progress = await driver.WaitUntil(p => p.IsFinal);
        Assert.Equal(SweepState.Completed, progress.State);
        var results = await SweepDriver.Results(driver.Grain, pageSize: 500);
        AssertLegalAsha(results, seeds: 1, configurations: 600, rungs: [1, 3, 9]);
        Assert.True(progress.Search!.Units > ISearchLogGrain.Size / 2, $"{progress.Search.Units} units: one segment holds them all");
        await driver.Deactivate();
        var again = await SweepDriver.Results(driver.Grain, pageSize: 500);
        Assert.Equal(results.Select(r => (r.Id, r.Search)), again.Select(r => (r.Id, r.Search)));
    }

    /// <summary>A status call on a fresh activation of a finished search replays its log across awaits, and a start of
    /// a new file under the same name writes the new definition before its fresh log: each waits for the other (a
    /// replay in flight, a start being recorded), or the replay reads the new definition against the old log (its units
    /// then fail the log's checks) or overwrites the new search's strategy with the old one's. Orleans does not promise
    /// the calls' order, so they are asserted in either.</summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_search_started_again_while_its_finished_log_replays_waits_for_the_replay(bool startFirst)
    {
        var driver = new SweepDriver(fixture.Client, SpecText.Plan(Asha(startFirst ? "asha-again-start" : "asha-again", configurations: 9)));
        var (first, _) = await driver.RunToEnd();
        Assert.Equal(SweepState.Completed, first.State);
        await driver.Deactivate();
        var next = SpecText.Plan(Asha("asha-again", configurations: 12).Replace("seeds: 2", "seeds: [81, 82]", StringComparison.Ordinal))
            .ToDefinition(driver.Grain.GetPrimaryKeyString());
        var ct = TestContext.Current.CancellationToken;
        // A status call first, whose replay is in flight when the start arrives (issued together); or the start first,
        // held inside its record (the new definition's write) while status calls arrive.
        var hold = startFirst ? fixture.Writes.HoldNext("sweep-definition", driver.Grain.GetPrimaryKeyString()) : null;
        var before = startFirst ? null : driver.Grain.GetProgress(ct);
        var start = driver.Grain.Start(next, ct);
        if (hold is not null) await hold.Entered.WaitAsync(TimeSpan.FromSeconds(30), ct);
        var during = driver.Grain.GetProgress(ct);
        var failures = driver.Grain.GetFailures(10, ct);
        if (hold is not null)
        {
            // Time for both calls to arrive and start their replays.
            await Task.Delay(100, ct);
            hold.Release();
        }
        foreach (var status in new[] { before is null ? await during : await before, await during })
        {
            // The old search as it ended, or the new one (12 configurations expect more points than 9).
            if (status.Total == first.Total) Assert.Equal((first.Done, first.Search!.Best), (status.Done, status.Search!.Best));
            else Assert.True(status.Total > first.Total, $"total {status.Total}");
        }
        Assert.Empty(await failures);
        await start;
        var progress = await driver.WaitUntil(p => p.IsFinal);
        Assert.Equal(SweepState.Completed, progress.State);
        var results = await SweepDriver.Results(driver.Grain);
        AssertLegalAsha(results, seeds: 2, configurations: 12);
        Assert.Equal(12, progress.Search!.Best);
        Assert.Equal(results.Length, progress.Done);
        // Its log is the new search's alone: a fresh activation replays it to the same account.
        await driver.Deactivate();
        var reread = await driver.Grain.GetProgress(ct);
        Assert.Equal((progress.Done, progress.Search.Best, progress.Search.Units), (reread.Done, reread.Search!.Best, reread.Search.Units));
    }

    [Fact]
    public async Task A_searchs_failures_are_listed_by_a_fresh_activation_as_by_the_one_that_ran_it()
    {
        // Half the configurations fail on purpose at the first rung (2 seeds each) and are never promoted.
        var yaml = Asha("asha-failures", configurations: 9).Replace("grid: {x:", "grid: {fail: [false, true], x:", StringComparison.Ordinal);
        var driver = new SweepDriver(fixture.Client, SpecText.Plan(yaml));
        var (progress, _) = await driver.RunToEnd();
        Assert.Equal((SweepState.Completed, 18L), (progress.State, progress.Failed));
        var failures = await driver.Grain.GetFailures(100, TestContext.Current.CancellationToken);
        Assert.Equal(18, failures.Length);
        Assert.All(failures, f => Assert.Contains("\"fail\":true", f.ParamsJson, StringComparison.Ordinal));
        await driver.Deactivate();
        var again = await driver.Grain.GetFailures(100, TestContext.Current.CancellationToken);
        Assert.Equal(failures.Select(f => f.Id).Order(), again.Select(f => f.Id).Order());
    }

    [Fact]
    public async Task Cancelling_a_search_stops_its_points_and_counts_the_rest_as_skipped()
    {
        var yaml = Asha("asha-cancel").Replace("min_resource: 10, max_resource: 90", "min_resource: 100, max_resource: 900", StringComparison.Ordinal);
        var driver = new SweepDriver(fixture.Client, SpecText.Plan(yaml));
        await driver.Start();
        await driver.WaitUntil(p => p.Done >= 4);
        var cancelled = await driver.Grain.Cancel(TestContext.Current.CancellationToken);
        Assert.Equal(SweepState.Cancelled, cancelled.State);
        Assert.Equal(0, cancelled.Running);
        Assert.True(cancelled.Skipped > 0);
        var results = await SweepDriver.Results(driver.Grain);
        Assert.All(results, r => Assert.Equal(PointStatus.Done, r.Status));
        Assert.Equal(cancelled.Done, results.Length);
    }

    /// <summary>
    /// Median stopping on a small InfoNCE problem with the subspace distance evaluated every epoch: points that fall
    /// behind the median of the completed ones are stopped mid-training and recorded as stopped, with the step, the
    /// metric there and their curve up to it; the completed ones ran every epoch.
    /// </summary>
    [Fact]
    public async Task Median_stopping_records_stopped_points_with_the_step_and_metric_where_they_stopped()
    {
        const string yaml = "name: median-g\nexperiment: gmm-contrastive\nseeds: 1\n" +
            "params: {d: 6, k: 3, r: 2, condition: 30, n_train: 600, n_test: 300, epochs: 8, eval_every: 1, batch: 64}\n" +
            "grid: {lr: [0.0003, 0.001, 0.003, 0.01, 0.03, 0.1], temperature: [0.2, 1.0]}\n" +
            "search: {algorithm: median, metric: subspace_distance, resource: epochs, seed: 1}\n";
        var driver = new SweepDriver(fixture.Client, SpecText.Plan(yaml));
        var (progress, results) = await driver.RunToEnd();
        Assert.Equal(SweepState.Completed, progress.State);
        Assert.Equal(12, results.Length);
        var stopped = results.Where(r => r.Status == PointStatus.Stopped).ToList();
        Assert.NotEmpty(stopped);
        Assert.Equal(stopped.Count, progress.Stopped);
        foreach (var r in stopped)
        {
            var fraction = r.Metrics["stopped_fraction"];
            Assert.InRange(fraction, 0.1, 0.9);
            Assert.True(r.Curve is not null, ContrastiveOrleans.Grains.Storage.PointResultJson.ToJson(r));
            Assert.Equal(r.Metrics["stopped_step"], r.Curve!.EvalSteps![^1]);
            Assert.Equal(r.Metrics["subspace_distance"], r.Curve.Eval!["subspace_distance"].Min());
            Assert.StartsWith("stopped at step ", r.Error, StringComparison.Ordinal);
        }
        Assert.All(results.Where(r => r.Status == PointStatus.Done), r => Assert.Equal(8, r.Curve!.EvalSteps!.Length));
        // Epochs: 8 for each completed point, the stopped fraction of 8 for the others.
        var expected = results.Sum(r => r.Status == PointStatus.Done ? 8 : 8 * r.Metrics["stopped_fraction"]);
        Assert.Equal(expected, progress.Search!.ResourceSpent, 9);
        Assert.Equal(results.Where(r => r.Status == PointStatus.Done).Min(r => r.Metrics["subspace_distance"]), progress.Search.Best);

        // A fresh activation rebuilds the strategy from its log and, for median alone, the completed points' curves
        // read back from the store: the same medians (their count is in the state line), account and best.
        Assert.DoesNotContain("medians at 0 steps", progress.Search.Line, StringComparison.Ordinal);
        await driver.Deactivate();
        var reread = await driver.Grain.GetProgress(TestContext.Current.CancellationToken);
        Assert.Equal((progress.Search.Line, progress.Search.Best, progress.Search.ResourceSpent, progress.Stopped),
            (reread.Search!.Line, reread.Search.Best, reread.Search.ResourceSpent, reread.Stopped));
    }

    /// <summary>tpe on bench-noop's value = x over x ∈ [0, 10]: after its 10 random start-up trials the proposals move
    /// up the slope, so the last ten lie higher than the first ten; the best is the largest value found.</summary>
    [Fact]
    public async Task Tpe_runs_its_trials_and_its_proposals_climb_a_monotone_metric()
    {
        const string yaml = "name: tpe-g\nexperiment: bench-noop\nseeds: 1\nrandom:\n  space: {x: {uniform: [0.0, 10.0]}}\n" +
            "search: {algorithm: tpe, metric: value, mode: max, trials: 30, seed: 2}\n";
        var (progress, results) = await new SweepDriver(fixture.Client, SpecText.Plan(yaml)).RunToEnd();
        Assert.Equal(SweepState.Completed, progress.State);
        Assert.Equal(30, results.Length);
        var values = results.OrderBy(r => r.Search!.Unit).Select(r => r.Metrics["value"]).ToList();
        Assert.True(values.TakeLast(10).Average() > values.Take(10).Average(), string.Join(", ", values));
        Assert.Equal(values.Max(), progress.Search!.Best);
        // Proposed at random while fewer than 10 had finished: 10, or one more when a slot asked just before the tenth finished.
        Assert.InRange(results.Count(r => r.Search!.Reason == "random (start-up)"), 10, 11);
    }

    /// <summary>Every promotion was earned: the configuration completed the rung below; the last rung holds the best x.</summary>
    private static void AssertLegalAsha(ImmutableArray<PointResult> results, int seeds, int configurations, long[]? rungs = null)
    {
        Assert.All(results, r => Assert.NotNull(r.Search));
        var units = results.GroupBy(r => r.Search!.Unit).ToList();
        Assert.All(units, u => Assert.Equal(seeds, u.Count()));
        Assert.Equal(Enumerable.Range(0, units.Count), units.Select(u => u.Key).Order());
        var done = results.Select(r => (r.Search!.Trial, r.Search.Rung)).ToHashSet();
        foreach (var r in results.Where(r => r.Search!.Rung > 0))
        {
            Assert.Contains((r.Search!.Trial, r.Search.Rung - 1), done);
            Assert.StartsWith("promoted: ", r.Search.Reason, StringComparison.Ordinal);
        }
        Assert.Equal(configurations, results.Count(r => r.Search!.Rung == 0) / seeds);
        Assert.Equal(rungs ?? [10L, 30L, 90L], results.Select(r => r.Search!.Resource!.Value).Distinct().Order());
        var top = results.Where(r => r.Search!.Rung == 2).Select(r => r.Metrics["value"]).ToList();
        Assert.Contains(configurations, top.Select(v => (int)v));
        // Sleep per rung is the budget: the points ran at their rung's resource.
        Assert.All(results, r => Assert.Contains($"\"sleep_ms\":{r.Search!.Resource}", r.ParamsJson, StringComparison.Ordinal));
    }
}
