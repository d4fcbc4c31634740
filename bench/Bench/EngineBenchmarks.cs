using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using ContrastiveOrleans.Client;
using ContrastiveOrleans.Experiments.Abstractions;

namespace ContrastiveOrleans.Bench;

/// <summary>
/// The sweep engine end to end through the CLI's embedded silo (file store, fresh store per run): per-point overhead,
/// parallel efficiency on CPU points, memory and tensor leaks.
/// </summary>
public static class EngineBenchmarks
{
    /// <summary>
    /// Runs `contrastive run` in-process; returns the wall time and each point's own run time from points.jsonl. Throws
    /// if it did not exit 0.
    /// </summary>
    private static Task<(TimeSpan Wall, double[] PointSeconds)> RunSweep(string yaml, params string[] extra) => RunSweep(yaml, readPoints: true, extra);

    /// <param name="readPoints">Read every point's run time back (skipped for sweeps of millions).</param>
    private static async Task<(TimeSpan Wall, double[] PointSeconds)> RunSweep(string yaml, bool readPoints, params string[] extra)
    {
        var root = Directory.CreateTempSubdirectory("bench-sweep-").FullName;
        try
        {
            var spec = Path.Combine(root, "spec.yaml");
            await File.WriteAllTextAsync(spec, yaml);
            var output = Path.Combine(root, "out");
            string[] args = ["run", spec, "--out", output, "--store", Path.Combine(root, "store"), .. extra];
            using var error = new StringWriter();
            var clock = Stopwatch.StartNew();
            var exit = await ContrastiveCli.RunAsync(args, new CliConsole(TextWriter.Null, error, IsTerminal: false), CancellationToken.None);
            clock.Stop();
            if (exit != 0) throw new InvalidOperationException($"sweep exited {exit}: {error}");
            var seconds = readPoints
                ? File.ReadLines(Path.Combine(output, "points.jsonl")).Select(line => JsonDocument.Parse(line).RootElement.GetProperty("duration_ms").GetDouble() / 1000).ToArray()
                : [];
            return (clock.Elapsed, seconds);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    public static async Task<IReadOnlyList<Measurement>> Overhead(int points, int repetitions)
    {
        var spec = $"name: noop\nexperiment: bench-noop\nseeds: {points}\n";
        // The first sweep of a fresh process pays the JIT for the whole engine: what one CLI invocation sees.
        var (cold, _) = await RunSweep(spec);
        var walls = new List<double>();
        var fixedCosts = new List<double>();
        for (var i = 0; i < repetitions; i++)
        {
            walls.Add((await RunSweep(spec)).Wall.TotalSeconds);
            // The fixed cost of a run (silo start and stop, output directory) measured with a one-point sweep.
            fixedCosts.Add((await RunSweep("name: one\nexperiment: bench-noop\n")).Wall.TotalSeconds);
        }
        var (wall, fixedCost) = (Measurement.Median(walls), Measurement.Median(fixedCosts));
        using var process = Process.GetCurrentProcess();
        var peakMb = process.PeakWorkingSet64 / 1024.0 / 1024.0;
        return
        [
            new Measurement($"Engine overhead: {points} bench-noop points end to end", "points/s", points / wall,
                2000, "target", "≥ 1.0x of 2,000 points/s", "embedded silo, file store, silo start and stop included"),
            new Measurement($"The same in a fresh process (JIT included)", "points/s", points / cold.TotalSeconds,
                2000, "target", "information", "one `contrastive run` invocation sees this"),
            new Measurement($"Engine throughput without the fixed cost ({fixedCost:F2} s silo start/stop)", "points/s",
                (points - 1) / Math.Max(1e-3, wall - fixedCost), 2000, "target", "information", "steady-state dispatch rate"),
            new Measurement($"Peak RSS of the process over {repetitions + 1} sweeps of {points} points", "MB", peakMb, 1024, "1 GB budget", "< 1 GB",
                "Process.PeakWorkingSet64 (includes the .NET runtime and, once loaded, libtorch)"),
        ];
    }

    /// <summary>One embedded sweep of <paramref name="points"/> bench-noop points (a 1000-value grid × seeds) in this fresh process.</summary>
    public static async Task<Measurement> Scale(long points)
    {
        var seeds = points / 1000;
        var spec = $"name: scale\nexperiment: bench-noop\nseeds: {seeds}\nmax_points: {points}\ngrid:\n  x: [{string.Join(", ", Enumerable.Range(0, 1000))}]\n";
        var (wall, _) = await RunSweep(spec, readPoints: false);
        using var process = Process.GetCurrentProcess();
        var peakMb = process.PeakWorkingSet64 / 1024.0 / 1024.0;
        return new Measurement($"Embedded: {points} bench-noop points end to end, fresh process", "points/s", points / wall.TotalSeconds,
            10_000, "target", points <= 1_000_000 ? "≥ 10,000 points/s, peak RSS < 1 GB" : "completes (time and RSS reported)",
            string.Create(CultureInfo.InvariantCulture, $"{wall.TotalSeconds:F0} s; peak RSS {peakMb:F0} MB (JIT, silo start and output writing included)"));
    }

    private static string Spec(int points, int firstSeed) =>
        $"name: efficiency\nexperiment: gmm-contrastive\nseeds: [{string.Join(", ", Enumerable.Range(firstSeed, points))}]\n"
        + "params: {d: 16, k: 4, r: 3, n_train: 8000, epochs: 15}\nresources: {threads: 1}\n";

    private static double SettledRssMb()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        return process.WorkingSet64 / 1024.0 / 1024.0;
    }

    public static async Task<IReadOnlyList<Measurement>> Efficiency(int points, int workers)
    {
        var experiment = ExperimentCatalog.Default.Get("gmm-contrastive");
        var (resolved, _) = ExperimentCatalog.Resolve(experiment, new ParameterSet(
            [new("d", 16L), new("k", 4L), new("r", 3L), new("n_train", 8000L), new("epochs", 15L)]));
        double RunOne(int seed)
        {
            var clock = Stopwatch.StartNew();
            experiment.Run(new ExperimentContext(resolved, seed, "cpu", 1), CancellationToken.None);
            return clock.Elapsed.TotalSeconds;
        }
        RunOne(999);
        var countBefore = TorchSharp.torch.Tensor.TotalCount;
        var alone = Measurement.Median(Enumerable.Range(1000, 3).Select(RunOne));
        var growthAlone = (TorchSharp.torch.Tensor.TotalCount - countBefore) / 3.0;
        // The same points on every core at once, with no engine: what this machine gives each of several points.
        var together = new ConcurrentBag<double>();
        Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, w =>
        {
            for (var i = 0; i < 3; i++) together.Add(RunOne(2000 + 10 * w + i));
        });
        var contention = Measurement.Median(together) / alone;

        var (wall, pointSeconds) = await RunSweep(Spec(points, 0), "--workers", workers.ToString(CultureInfo.InvariantCulture));
        var rssAfterFirst = SettledRssMb();
        var countAfterFirst = TorchSharp.torch.Tensor.TotalCount;
        // A second sweep of as many new points (other seeds, so nothing is cached): leaks would grow the RSS.
        await RunSweep(Spec(points, points), "--workers", workers.ToString(CultureInfo.InvariantCulture));
        var rssAfterSecond = SettledRssMb();
        var growthInSweep = (TorchSharp.torch.Tensor.TotalCount - countAfterFirst) / (double)points;
        var engineIdeal = pointSeconds.Sum() / workers;
        return
        [
            new Measurement($"Sweep efficiency: {points} equal gmm-contrastive points on {workers} workers", "s", wall.TotalSeconds, engineIdeal,
                $"sum of the {points} point times / {workers}", "≤ 1.10 (wall / ideal)",
                "ratio shown is ideal / wall; point times as run in the sweep; wall includes silo start and the last point's tail"),
            new Measurement($"The same sweep against points timed alone", "s", wall.TotalSeconds, points * alone / workers,
                $"{points} x {alone:F3} s / {workers}", "information",
                $"limit of the machine, not the engine: without the engine a point takes {contention:F2}x as long when {workers} run at once"),
            new Measurement($"RSS after a second sweep of {points} new points", "MB", rssAfterSecond, rssAfterFirst,
                "after the first", "flat (ratio ≈ 1)", "native tensors are freed per point; GC settled before reading"),
            new Measurement($"TorchSharp tensor count growth per point over the second sweep", "tensors", growthInSweep, growthAlone,
                "a point run alone, no engine", "equal (ratio 1): the engine keeps no tensors",
                $"Tensor.TotalCount {countAfterFirst} after the first sweep; it counts a tensor moved into a Parameter twice (MoveHandle does not decrement it), so a point that frees everything still adds one per Parameter: 1 for gmm-contrastive (its map; the L-BFGS probe makes no Parameters)"),
        ];
    }
}
