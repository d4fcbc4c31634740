using System.Text.RegularExpressions;

namespace ContrastiveOrleans.Cluster.Tests;

/// <summary>
/// HEAVY: the resume reminder alone brings a sweep back after its silo dies, with no client watching (about 1-2 min:
/// the reminder period is a minute).
/// </summary>
[Trait("Category", "Heavy")]
public sealed partial class ReminderResumeTests
{
    [Fact(Timeout = 300_000)]
    public async Task A_detached_sweep_whose_silo_dies_is_resumed_by_its_reminder_and_completes()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var scenario = await ClusterScenario.StartAsync(1);
        var (work, _, cluster) = scenario;
        // 24 points of 1 s on one silo's 2 workers: about 12 s. The root and its only shard start on that silo, a second
        // silo joins, and the first is killed while most points are still to run: with both gone and no client watching,
        // only the root's reminder can bring the sweep back. (On two silos from the start the shard runs off the root's
        // silo, and its own end would call the root back instead.)
        var spec = work.Spec("unwatched", xs: 6, seeds: 4, sleepMs: 1000);

        var submit = await Cli.Invoke(ct, "run", spec, "--cluster", cluster.ClusterArgument, "--detach");
        Assert.True(submit.Exit == 0, submit.Out + submit.Error);
        var sweepId = SweepIdLine().Match(submit.Out).Groups[1].Value;
        var host = await cluster.SweepHost(TimeSpan.FromSeconds(60));
        var survivor = await cluster.JoinOnceTheShardRuns(host, TimeSpan.FromSeconds(60));
        Assert.DoesNotContain($"Sweep {sweepId} Completed: ", host.Output, StringComparison.Ordinal);
        await host.Kill();

        // Nothing calls the sweep grain from here on: only its reminder can reactivate it on the survivor.
        await survivor.WaitForOutput($"Sweep {sweepId} resumed: ", TimeSpan.FromMinutes(3));
        await survivor.WaitForOutput($"Sweep {sweepId} Completed: ", TimeSpan.FromMinutes(1));
        // The shard died with the root, so the root came back with the shard's stored count, short of every point.
        var resumed = ResumedLine().Match(survivor.Output);
        Assert.InRange(int.Parse(resumed.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), 0, 23);

        var results = await Cli.Invoke(ct, "results", sweepId, "--cluster", cluster.ClusterArgument, "--out", work.Path("out"));
        Assert.True(results.Exit == 0, results.Out + results.Error);
        var points = Workspace.Points(work.Path("out"));
        Assert.Equal(24, points.Count);
        Assert.All(points.Values, p => Assert.Equal("done", p.Status));
        Assert.Equal(
            Enumerable.Range(1, 6).SelectMany(x => Enumerable.Range(0, 4).Select(s => (double)x * 10 + s)).Order(),
            points.Values.Select(p => p.Metrics["value"] * 10 + p.Metrics["seed"]).Order());
    }

    [GeneratedRegex(@"sweep id: (\S+)")]
    private static partial Regex SweepIdLine();

    [GeneratedRegex(@"resumed: (\d+) of 24 points")]
    private static partial Regex ResumedLine();
}
