using System.Globalization;
using System.Text.Json;
using ContrastiveOrleans.Experiments.Abstractions;
using ContrastiveOrleans.Sweeps;
using YamlDotNet.RepresentationModel;

namespace ContrastiveOrleans.Client.Tests;

public sealed class RunCommandTests : IDisposable
{
    private readonly CliRun _cli = new();

    public void Dispose() => _cli.Dispose();

    private const string FailingSweep = """
        name: cli-fail
        experiment: bench-noop
        seeds: 3
        grid:
          x: [1, 2.5]
          fail: [false, true]
        curves:
          - {name: by-seed, x: x, series: fail, metric: seed}
        """;

    [Fact]
    public async Task Run_writes_the_three_files_in_the_exact_format_and_lists_failures()
    {
        var (exit, stdout, stderr) = await CliRun.Invoke("run", _cli.Spec(FailingSweep), "--out", _cli.Out, "--store", _cli.Store, "--workers", "2");
        Assert.Equal(ExitCodes.PointsFailed, exit);
        Assert.Contains("6 done (0 reused from the store), 6 failed", stdout, StringComparison.Ordinal);
        var failedLines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(6, failedLines.Length);
        Assert.All(failedLines, l => Assert.EndsWith(": failed on purpose (fail: true)", l, StringComparison.Ordinal));

        var lines = File.ReadAllLines(Path.Combine(_cli.Out, "points.jsonl"));
        Assert.Equal(12, lines.Length);
        string[] keys = ["id", "experiment", "params", "seed", "status", "metrics", "error", "duration_ms", "cached", "run", "provenance"];
        foreach (var line in lines)
        {
            using var doc = JsonDocument.Parse(line);
            var e = doc.RootElement;
            Assert.Equal(keys, e.EnumerateObject().Select(p => p.Name));
            Assert.Equal("bench-noop", e.GetProperty("experiment").GetString());
            Assert.Equal(JsonValueKind.Object, e.GetProperty("params").ValueKind);
            var failed = e.GetProperty("params").GetProperty("fail").GetBoolean();
            Assert.Equal(failed ? "failed" : "done", e.GetProperty("status").GetString());
            Assert.Equal(failed ? JsonValueKind.String : JsonValueKind.Null, e.GetProperty("error").ValueKind);
            Assert.All(e.GetProperty("metrics").EnumerateObject(), m => Assert.Equal(JsonValueKind.Number, m.Value.ValueKind));
            if (!failed) Assert.Equal(e.GetProperty("seed").GetDouble(), e.GetProperty("metrics").GetProperty("seed").GetDouble());
            Assert.True(e.GetProperty("duration_ms").GetInt64() >= 0);
        }

        var csv = File.ReadAllLines(Path.Combine(_cli.Out, "curves.csv"));
        Assert.Equal("curve,series,x,metric,mean,ci_low,ci_high,n", csv[0]);
        // Seeds 0, 1, 2: mean 1, s = 1, t(0.975, 2) = 4.302653 → half-width 4.302653 / √3 = 2.484138. Failed points add nothing.
        Assert.Equal(2, csv.Length - 1);
        var rows = csv.Skip(1).Select(l => l.Split(',')).ToList();
        Assert.Equal(["1", "2.5"], rows.Select(r => r[2]));
        foreach (var r in rows)
        {
            Assert.Equal(("by-seed", "false", "seed", "3"), (r[0], r[1], r[3], r[7]));
            Assert.Equal(1.0, double.Parse(r[4], CultureInfo.InvariantCulture), 12);
            Assert.Equal(-1.484138, double.Parse(r[5], CultureInfo.InvariantCulture), 5);
            Assert.Equal(3.484138, double.Parse(r[6], CultureInfo.InvariantCulture), 5);
        }

        var yamlText = await File.ReadAllTextAsync(Path.Combine(_cli.Out, "sweep.yaml"), TestContext.Current.CancellationToken);
        var yaml = new YamlStream();
        yaml.Load(new StringReader(yamlText));
        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        Assert.Equal(["0", "1", "2"], ((YamlSequenceNode)root["seeds"]).Select(n => ((YamlScalarNode)n).Value));
        Assert.Equal("12", ((YamlScalarNode)root["points"]).Value);
        // The resolved file is itself a valid sweep with the same points.
        var again = SweepExpander.Expand(new SweepSpecParser(ExperimentCatalog.Default).Parse(yamlText));
        var original = SweepExpander.Expand(new SweepSpecParser(ExperimentCatalog.Default).Parse(FailingSweep));
        Assert.Equal(original.Points().Select(p => p.Id), again.Points().Select(p => p.Id));
        Assert.Empty(Directory.GetDirectories(_cli.Root, ".*"));
    }

    [Fact]
    public async Task A_rerun_reuses_every_stored_point_and_says_so()
    {
        var spec = _cli.Spec("name: cli-ok\nexperiment: bench-noop\nseeds: 2\ngrid: {x: [5, 6]}\n");
        var first = await CliRun.Invoke("run", spec, "--out", _cli.Out, "--store", _cli.Store);
        Assert.Equal((ExitCodes.Success, ""), (first.Exit, first.Error));
        Assert.Contains("4 done (0 reused from the store)", first.Out, StringComparison.Ordinal);
        var second = await CliRun.Invoke("run", spec, "--out", _cli.Out, "--store", _cli.Store);
        Assert.Equal(ExitCodes.Success, second.Exit);
        Assert.Contains("4 done (4 reused from the store)", second.Out, StringComparison.Ordinal);
        var lines = File.ReadAllLines(Path.Combine(_cli.Out, "points.jsonl"));
        Assert.All(lines, l => Assert.Contains("\"cached\":true", l, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Cancelling_keeps_finished_points_and_exits_non_zero()
    {
        var spec = _cli.Spec("name: cli-cancel\nexperiment: bench-noop\nparams: {sleep_ms: 300}\ngrid: {x: [1, 2, 3, 4, 5, 6, 7, 8]}\n");
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        // Cancel once two points are in the store, i.e. mid-sweep, without guessing at timings.
        var watcher = Task.Run(async () =>
        {
            while (StoredLines() < 2) await Task.Delay(20, cancel.Token);
            await cancel.CancelAsync();
        }, TestContext.Current.CancellationToken);
        var (exit, _, stderr) = await CliRun.Invoke(cancel.Token, "run", spec, "--out", _cli.Out, "--store", _cli.Store, "--workers", "2");
        await watcher;
        Assert.Equal(ExitCodes.Cancelled, exit);
        Assert.Contains("run the same command again to resume", stderr, StringComparison.Ordinal);
        var lines = File.ReadAllLines(Path.Combine(_cli.Out, "points.jsonl"));
        Assert.InRange(lines.Length, 2, 7);
        Assert.All(lines, l => Assert.Contains("\"status\":\"done\"", l, StringComparison.Ordinal));

        var resumed = await CliRun.Invoke("run", spec, "--out", _cli.Out, "--store", _cli.Store, "--workers", "2");
        Assert.Equal(ExitCodes.Success, resumed.Exit);
        Assert.Contains($"8 done ({lines.Length} reused from the store)", resumed.Out, StringComparison.Ordinal);
    }

    /// <summary>Results in the store so far: one line each in its segment files.</summary>
    private int StoredLines()
    {
        var segments = Path.Combine(_cli.Store, "segments");
        if (!Directory.Exists(segments)) return 0;
        var lines = 0;
        foreach (var path in Directory.GetFiles(segments))
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            for (var b = stream.ReadByte(); b >= 0; b = stream.ReadByte()) lines += b == '\n' ? 1 : 0;
        }
        return lines;
    }
}
