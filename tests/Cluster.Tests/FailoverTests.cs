using System.Text.RegularExpressions;

namespace ContrastiveOrleans.Cluster.Tests;

/// <summary>
/// HEAVY: real silo processes on Azurite, killed and cut off mid-sweep (about 15-30 s each). Filter them out with
/// `-- --filter-not-trait "Category=Heavy"` when iterating on something else.
/// </summary>
[Trait("Category", "Heavy")]
public sealed partial class FailoverTests
{
    private static readonly TimeSpan Startup = TimeSpan.FromSeconds(60);

    [Fact(Timeout = 150_000)]
    public async Task Killing_the_silo_that_hosts_the_sweep_loses_no_point_and_matches_a_single_silo_run()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var scenario = await ClusterScenario.StartAsync(2);
        var (work, _, cluster) = scenario;
        // 30 points of 1 s on 2 silos x 2 workers: about 8 s uninterrupted, so a kill 0.8 s in lands before any point
        // has finished. The sweep's one shard runs on the other silo (shards are placed round the silos from the root's),
        // so it goes on dispatching without its root; the root comes back on the survivor when the client's next call or
        // the shard's own end reaches it. Either may come first: a loaded machine (CI, with the other test assemblies)
        // has seen the shard finish every point before the root was called again ("resumed: 30 of 30").
        var spec = work.Spec("failover", xs: 6, seeds: 5, sleepMs: 1000);

        var run = Cli.Invoke(ct, "run", spec, "--cluster", cluster.ClusterArgument, "--out", work.Path("cluster"));
        var host = await cluster.SweepHost(Startup);
        await Task.Delay(800, ct);
        Assert.False(run.IsCompleted, "the sweep ended before the kill");
        await host.Kill();
        var (exit, stdout, stderr) = await run;
        Assert.True(exit == 0, $"exit {exit}\n{stdout}\n{stderr}");

        // The survivor reactivated the sweep's root from its stored state.
        var survivor = cluster.Silos.Single(s => s != host);
        var resumed = ResumedLine().Match(survivor.Output);
        Assert.True(resumed.Success, "the surviving silo did not resume the sweep:\n" + survivor.Tail());
        Assert.InRange(int.Parse(resumed.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), 0, 30);

        var (single, singleOut, singleErr) = await Cli.Invoke(ct, "run", spec, "--out", work.Path("single"), "--store", work.Path("store"), "--workers", "2");
        Assert.True(single == 0, singleOut + singleErr);
        var clustered = Workspace.Points(work.Path("cluster"));
        var reference = Workspace.Points(work.Path("single"));
        Assert.Equal(30, clustered.Count);
        Assert.All(clustered.Values, p => Assert.Equal("done", p.Status));
        Assert.Equal(reference.Keys.Order(), clustered.Keys.Order());
        foreach (var (id, point) in reference) Assert.Equal(point.Metrics, clustered[id].Metrics);
        Assert.Equal(File.ReadAllText(work.Path("single/curves.csv")), File.ReadAllText(work.Path("cluster/curves.csv")));

        Assert.DoesNotContain(Azurite.AccountKey, cluster.AllOutput + stdout + stderr, StringComparison.Ordinal);
    }

    /// <summary>
    /// The root and its only shard on one silo, killed together: a silo that joined meanwhile resumes both from their
    /// stored state part-way through (the shard from its stored frontier), and no point is lost or run twice.
    /// </summary>
    [Fact(Timeout = 150_000)]
    public async Task Killing_the_silo_that_hosts_the_root_and_its_shard_resumes_both_on_a_silo_that_joined()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var scenario = await ClusterScenario.StartAsync(1);
        var (work, _, cluster) = scenario;
        // 40 points of 1 s on one silo's 2 workers: about 20 s, so both the root and its shard start on the first silo,
        // and a second silo (a few seconds to start) joins while most points are still to run.
        var spec = work.Spec("failover-both", xs: 8, seeds: 5, sleepMs: 1000);
        var run = Cli.Invoke(ct, "run", spec, "--cluster", cluster.ClusterArgument, "--out", work.Path("out"));
        var host = await cluster.SweepHost(Startup);
        var joined = await cluster.JoinOnceTheShardRuns(host, Startup);
        Assert.False(run.IsCompleted, "the sweep ended before the kill");
        await host.Kill();
        var (exit, stdout, stderr) = await run;
        Assert.True(exit == 0, $"exit {exit}\n{stdout}\n{stderr}\n{joined.Tail()}");

        // Nothing ran the shard while both were gone: the root came back with the shard's stored count, short of 40.
        var resumed = ResumedLine().Match(joined.Output);
        Assert.True(resumed.Success, "the joined silo did not resume the sweep:\n" + joined.Tail());
        Assert.InRange(int.Parse(resumed.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), 0, 39);
        Assert.Contains(": shard 0 running indices", joined.Output, StringComparison.Ordinal);
        var points = Workspace.Points(work.Path("out"));
        Assert.Equal(40, points.Count);
        Assert.All(points.Values, p => Assert.Equal("done", p.Status));
        Assert.Equal(
            Enumerable.Range(1, 8).SelectMany(x => Enumerable.Range(0, 5).Select(s => (double)x * 10 + s)).Order(),
            points.Values.Select(p => p.Metrics["value"] * 10 + p.Metrics["seed"]).Order());
    }

    [Theory(Timeout = 150_000)]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_silo_sent_SIGTERM_mid_sweep_stops_within_its_grace_period_and_the_sweep_loses_nothing(bool sweepHost)
    {
        var ct = TestContext.Current.CancellationToken;
        var work = new Workspace();
        await using var azurite = await Azurite.StartAsync(false);
        await using var cluster = new TestCluster(azurite);
        await cluster.StartSilos(2, extra: new Dictionary<string, string> { ["DOTNET_SHUTDOWNTIMEOUTSECONDS"] = "15" });
        try
        {
            // 40 points of 400 ms on 2 silos x 2 workers: about 4 s, so the signal 1 s in lands mid-sweep.
            var spec = work.Spec("sigterm", xs: 8, seeds: 5, sleepMs: 400);
            var run = Cli.Invoke(ct, "run", spec, "--cluster", cluster.ClusterArgument, "--out", work.Path("out"));
            var host = await cluster.SweepHost(Startup);
            var stopped = sweepHost ? host : cluster.Silos.Single(s => s != host);
            var survivor = cluster.Silos.Single(s => s != stopped);
            await Task.Delay(1000, ct);
            var signalled = DateTimeOffset.UtcNow;
            await stopped.Signal("TERM");
            Assert.Equal(0, await stopped.WaitForExit(TimeSpan.FromSeconds(20)));
            Assert.True(DateTimeOffset.UtcNow - signalled < TimeSpan.FromSeconds(16), "the silo overran its grace period");
            var (exit, stdout, stderr) = await run;
            Assert.True(exit == 0, $"exit {exit}\n{stdout}\n{stderr}\n{survivor.Tail()}\n{stopped.Tail()}");
            var points = Workspace.Points(work.Path("out"));
            Assert.Equal(40, points.Count);
            Assert.All(points.Values, p => Assert.Equal("done", p.Status));
            Assert.Equal(
                Enumerable.Range(1, 8).SelectMany(x => Enumerable.Range(0, 5).Select(s => (double)x * 10 + s)).Order(),
                points.Values.Select(p => p.Metrics["value"] * 10 + p.Metrics["seed"]).Order());
        }
        finally
        {
            work.Dispose();
        }
    }

    [Fact(Timeout = 150_000)]
    public async Task Killing_a_silo_that_runs_a_shard_but_not_the_root_loses_no_point_and_the_report_is_written()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var scenario = await ClusterScenario.StartAsync(3);
        var (work, _, cluster) = scenario;
        // 12,000 points of 1 ms: three shards of 4096 indices, two running at a time, placed round the silos from the
        // root's (ShardSpreadPlacement): the first two run on the other two silos, so a shard runs off the root's silo.
        var spec = work.Spec("shardkill", xs: 1000, seeds: 12, sleepMs: 1);
        var run = Cli.Invoke(ct, "run", spec, "--cluster", cluster.ClusterArgument, "--out", work.Path("out"));
        var root = await cluster.SweepHost(Startup);
        ChildProcess? victim = null;
        for (var deadline = DateTimeOffset.UtcNow + Startup; victim is null && DateTimeOffset.UtcNow < deadline && !run.IsCompleted; await Task.Delay(100, ct))
        {
            victim = cluster.Silos.FirstOrDefault(s => s != root && !s.HasExited && s.Output.Contains(": shard ", StringComparison.Ordinal) && s.Output.Contains(" running indices ", StringComparison.Ordinal));
        }
        Assert.True(victim is not null, "no shard ran outside the root's silo:\n" + cluster.AllOutput[^Math.Min(4000, cluster.AllOutput.Length)..]);
        await victim.Kill();
        var (exit, stdout, stderr) = await run;
        Assert.True(exit == 0, $"exit {exit}\n{stdout}\n{stderr}");

        // A survivor took the lost shard over: it resumed its range from the shard's stored frontier.
        var shard = ShardLine().Match(victim.Output).Groups[1].Value;
        Assert.Contains(cluster.Silos.Where(s => s != victim), s => s.Output.Contains($": shard {shard} running indices", StringComparison.Ordinal));
        var points = Workspace.Points(work.Path("out"));
        Assert.Equal(12_000, points.Count);
        Assert.All(points.Values, p => Assert.Equal("done", p.Status));
        Assert.True(File.Exists(work.Path("out/report.html")));
        Assert.True(File.Exists(work.Path("out/plots/value-vs-x.svg")));
        var curves = File.ReadAllLines(work.Path("out/curves.csv"));
        Assert.Equal(1001, curves.Length);
        Assert.All(curves.Skip(1), row => Assert.EndsWith(",12", row, StringComparison.Ordinal));
    }

    [Fact(Timeout = 150_000)]
    public async Task A_storage_outage_of_ten_seconds_mid_sweep_loses_nothing()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var scenario = await ClusterScenario.StartAsync(1, azuriteOnDisk: true);
        var (work, azurite, cluster) = scenario;
        var spec = work.Spec("outage", xs: 6, seeds: 4, sleepMs: 250);

        var run = Cli.Invoke(ct, "run", spec, "--cluster", cluster.ClusterArgument, "--out", work.Path("out"));
        await cluster.SweepHost(Startup);
        await Task.Delay(700, ct);
        await azurite.KillAsync();
        await Task.Delay(TimeSpan.FromSeconds(10), ct);
        await azurite.RestartAsync();
        var (exit, stdout, stderr) = await run;
        Assert.True(exit == 0, $"exit {exit}\n{stdout}\n{stderr}\n{cluster.Silos[0].Tail()}");

        var points = Workspace.Points(work.Path("out"));
        Assert.Equal(24, points.Count);
        Assert.All(points.Values, p => Assert.Equal("done", p.Status));
        // bench-noop echoes x and the seed: 6 values x 4 seeds, each exactly once.
        Assert.Equal(
            Enumerable.Range(1, 6).SelectMany(x => Enumerable.Range(0, 4).Select(s => (double)x * 10 + s)).Order(),
            points.Values.Select(p => p.Metrics["value"] * 10 + p.Metrics["seed"]).Order());
        Assert.DoesNotContain(Azurite.AccountKey, cluster.AllOutput + stdout + stderr, StringComparison.Ordinal);
    }

    [Fact(Timeout = 150_000)]
    public async Task A_client_killed_mid_sweep_finds_it_finished_with_status_and_results()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var scenario = await ClusterScenario.StartAsync(1);
        var (work, _, cluster) = scenario;
        var spec = work.Spec("detached", xs: 5, seeds: 4, sleepMs: 300);
        // No Address configured: the silo binds its silo and gateway ports to loopback only.
        foreach (var port in cluster.Ports)
        {
            var listeners = Listeners.On(port);
            Assert.NotEmpty(listeners);
            Assert.All(listeners, a => Assert.True(Listeners.IsLoopback(a), $"port {port} listens on {a}"));
        }

        await using var client = new ChildProcess(Repo.ClientDll, ["run", spec, "--cluster", cluster.ClusterArgument, "--out", work.Path("first")], new Dictionary<string, string>());
        await client.WaitForOutput("] done ", Startup);
        var sweepId = SweepIdLine().Match(client.Output).Groups[1].Value;
        await client.Kill();
        Assert.False(Directory.Exists(work.Path("first")), "a killed client wrote an output directory");

        var status = await Cli.Invoke(ct, "status", sweepId, "--cluster", cluster.ClusterArgument, "--wait");
        Assert.True(status.Exit == 0, status.Out + status.Error);
        Assert.Contains("state: completed", status.Out, StringComparison.Ordinal);
        var results = await Cli.Invoke(ct, "results", sweepId, "--cluster", cluster.ClusterArgument, "--out", work.Path("later"));
        Assert.True(results.Exit == 0, results.Out + results.Error);

        var points = Workspace.Points(work.Path("later"));
        Assert.Equal(20, points.Count);
        Assert.All(points.Values, p => Assert.Equal("done", p.Status));
        // One curve row per x, each the mean of 4 seeds of value = x.
        var curves = File.ReadAllLines(work.Path("later/curves.csv"));
        Assert.Equal(["value-vs-x,,1,value,1,1,1,4", "value-vs-x,,5,value,5,5,5,4"], new[] { curves[1], curves[^1] });
        Assert.Contains("points: 20", File.ReadAllText(work.Path("later/sweep.yaml")), StringComparison.Ordinal);
        Assert.DoesNotContain(Azurite.AccountKey, cluster.AllOutput + client.Output + status.Out + status.Error + results.Out + results.Error, StringComparison.Ordinal);
    }

    /// <summary>
    /// An asha search whose root dies mid-run: the survivor replays the search's log (the order of its starts and
    /// outcomes) into a fresh strategy and goes on; the output holds every decision once, each promotion earned at the
    /// rung below, and the best configuration at the last rung.
    /// </summary>
    [Fact(Timeout = 150_000)]
    public async Task Killing_the_silo_that_hosts_an_asha_search_resumes_it_from_its_log()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var scenario = await ClusterScenario.StartAsync(2);
        var (work, _, cluster) = scenario;
        var spec = work.Path("asha.yaml");
        // 27 configurations x 2 seeds; rungs sleep 100, 300, 900 ms: about 16 s of points on 4 slots.
        File.WriteAllText(spec, "name: asha-failover\nexperiment: bench-noop\nseeds: 2\n" +
            $"grid: {{x: [{string.Join(", ", Enumerable.Range(1, 27))}]}}\n" +
            "search: {algorithm: asha, metric: value, mode: max, resource: sleep_ms, min_resource: 100, max_resource: 900, reduction: 3}\n");
        var run = Cli.Invoke(ct, "run", spec, "--cluster", cluster.ClusterArgument, "--out", work.Path("out"));
        var host = await cluster.SweepHost(Startup);
        await Task.Delay(1500, ct);
        await host.Kill();
        var (exit, stdout, stderr) = await run;
        Assert.True(exit == 0, $"exit {exit}\n{stdout}\n{stderr}");
        var survivor = cluster.Silos.Single(s => s != host);
        Assert.Contains("search resumed from its log", survivor.Output, StringComparison.Ordinal);

        var marks = File.ReadAllLines(work.Path("out/points.jsonl")).Select(line =>
        {
            using var doc = System.Text.Json.JsonDocument.Parse(line);
            var e = doc.RootElement;
            var m = e.GetProperty("search");
            return (Status: e.GetProperty("status").GetString(), Value: e.GetProperty("metrics").GetProperty("value").GetDouble(),
                Unit: m.GetProperty("unit").GetInt32(), Trial: m.GetProperty("trial").GetInt32(), Rung: m.GetProperty("rung").GetInt32());
        }).ToList();
        Assert.Equal(marks.Count, Workspace.Points(work.Path("out")).Count);
        Assert.All(marks, m => Assert.Equal("done", m.Status));
        var units = marks.GroupBy(m => m.Unit).ToList();
        Assert.All(units, u => Assert.Equal(2, u.Count()));
        Assert.Equal(Enumerable.Range(0, units.Count), units.Select(u => u.Key).Order());
        Assert.Equal(27, marks.Count(m => m.Rung == 0) / 2);
        var rungs = marks.Select(m => (m.Trial, m.Rung)).ToHashSet();
        Assert.All(marks.Where(m => m.Rung > 0), m => Assert.Contains((m.Trial, m.Rung - 1), rungs));
        Assert.Contains(marks, m => m.Rung == 2 && m.Value == 27);
        Assert.Contains("best value (max): 27 at ", stdout, StringComparison.Ordinal);
    }

    /// <summary>A storage outage of ten seconds in the middle of an asha search: the write-ahead of its log and the
    /// points' results wait for storage; no decision is made on a lost write, no point is lost or failed.</summary>
    [Fact(Timeout = 150_000)]
    public async Task A_storage_outage_mid_search_loses_no_decision_and_no_point()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var scenario = await ClusterScenario.StartAsync(1, azuriteOnDisk: true);
        var (work, azurite, cluster) = scenario;
        var spec = work.Path("asha-outage.yaml");
        File.WriteAllText(spec, "name: asha-outage\nexperiment: bench-noop\nseeds: 1\n" +
            $"grid: {{x: [{string.Join(", ", Enumerable.Range(1, 18))}]}}\n" +
            "search: {algorithm: asha, metric: value, mode: max, resource: sleep_ms, min_resource: 100, max_resource: 900, reduction: 3}\n");
        var run = Cli.Invoke(ct, "run", spec, "--cluster", cluster.ClusterArgument, "--out", work.Path("out"));
        await cluster.SweepHost(Startup);
        await Task.Delay(700, ct);
        await azurite.KillAsync();
        await Task.Delay(TimeSpan.FromSeconds(10), ct);
        await azurite.RestartAsync();
        var (exit, stdout, stderr) = await run;
        Assert.True(exit == 0, $"exit {exit}\n{stdout}\n{stderr}\n{cluster.Silos[0].Tail()}");
        var points = Workspace.Points(work.Path("out"));
        Assert.All(points.Values, p => Assert.Equal("done", p.Status));
        // 18 configurations at 100 ms, then at least the top ⌊n/3⌋ of each rung: 18 + 6 + 2 points at the least.
        Assert.InRange(points.Count, 26, 40);
        Assert.Contains("best value (max): 18 at ", stdout, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"resumed: (\d+) of (?:30|40) points")]
    private static partial Regex ResumedLine();

    [GeneratedRegex(@": shard (\d+) running indices")]
    private static partial Regex ShardLine();

    [GeneratedRegex(@"sweep id: (\S+)")]
    private static partial Regex SweepIdLine();
}
