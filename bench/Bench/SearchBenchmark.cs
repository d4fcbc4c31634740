using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using ContrastiveOrleans.Sweeps;
using ContrastiveOrleans.Sweeps.Search;

namespace ContrastiveOrleans.Bench;

/// <summary>
/// Adaptive search against the full grid on one gmm-contrastive InfoNCE problem (anisotropic, noisy pairs), each run
/// by the CLI on the embedded silo, repeated over sweep seeds (the training seed and the search's seed): asha against
/// the grid's best and total epochs, median stopping's epochs saved with the grid's best kept, tpe against random
/// search at 50 trials; and the strategies' own cost per decision at 10⁴ completed points (in process).
/// </summary>
public static class SearchBenchmark
{
    private const string Problem = "d: 10, k: 3, r: 2, condition: 100, noise: 0.3, n_train: 4000, n_test: 2000";
    private const string Grid = "grid:\n  lr: [0.001, 0.003, 0.01, 0.03]\n  temperature: [0.1, 0.3, 1.0, 3.0]\n  batch: [32, 64, 128, 256]\n";
    private const int Epochs = 27;

    /// <summary>Runs in which some point failed (a failed point is left out of its run's best).</summary>
    private static int _failedRuns;

    /// <summary>asha's settings measured: (min_resource, η); rungs min·η^k below 27, then 27.</summary>
    private static readonly (int Min, int Eta)[] AshaSettings = [(1, 3), (2, 4), (3, 3)];

    /// <summary>median's grace period in epochs: 0 (stop from the first evaluation) and a third of training.</summary>
    private static readonly int[] Graces = [0, 9, 12];

    /// <summary>Start orders median stopping is replayed in, per seed, on the grid's own curves.</summary>
    private const int ReplayOrders = 100;

    public static IEnumerable<Measurement> Run(string root, int sweepSeeds)
    {
        var cli = Environment.GetEnvironmentVariable("CONTRASTIVE_CLI") ?? Path.Combine(root, "src", "Client", "bin", "Release", "net10.0", "contrastive.dll");
        var scratch = Directory.CreateTempSubdirectory("search-bench-").FullName;
        var store = Path.Combine(scratch, "store");
        var gridEpochs = 64.0 * Epochs;
        var grids = new List<(double Best, double Min, string Winner)>();
        var ashas = AshaSettings.Select(_ => new List<(double Best, double Epochs)>()).ToArray();
        var medians = Graces.Select(_ => new List<(double Best, double Epochs, bool Kept)>()).ToArray();
        var replays = Graces.Select(_ => new List<(double Saved, bool Kept)>()).ToArray();
        var searches = new List<(double Tpe, double Random)>();
        try
        {
            for (var s = 1; s <= sweepSeeds; s++)
            {
                var clock = Stopwatch.StartNew();
                // Median first, each in a store of its own: a point found in the cache returns done without training, so
                // nothing could be stopped.
                var medianRuns = Graces.Select(g => Points(Cli(cli, scratch, Path.Combine(scratch, $"median-store-{s}-{g}"), $"median-{s}-g{g}",
                    $"seeds: [{s}]\nparams: {{{Problem}, epochs: {Epochs}, eval_every: 3}}\n{Grid}search: {{algorithm: median, metric: subspace_distance, resource: epochs, seed: {s}, grace: {g}}}\n"))).ToList();
                var grid = Points(Cli(cli, scratch, store, $"grid-{s}", $"seeds: [{s}]\nparams: {{{Problem}, epochs: {Epochs}, eval_every: 3}}\n{Grid}"));
                var gridBest = grid.Max(p => p.Metric("fisher_ratio_rel"));
                var winner = grid.MinBy(p => p.Metric("subspace_distance"))!;
                grids.Add((gridBest, winner.Metric("subspace_distance"), winner.Configuration));
                var line = new System.Text.StringBuilder(string.Create(CultureInfo.InvariantCulture, $"search bench seed {s}: grid {gridBest:F4}"));
                for (var a = 0; a < AshaSettings.Length; a++)
                {
                    var (min, eta) = AshaSettings[a];
                    var asha = Points(Cli(cli, scratch, store, $"asha-{s}-{min}-{eta}",
                        $"seeds: [{s}]\nparams: {{{Problem}, eval_every: 3}}\n{Grid}search: {{algorithm: asha, metric: fisher_ratio_rel, resource: epochs, min_resource: {min}, max_resource: {Epochs}, reduction: {eta}, seed: {s}}}\n"));
                    var last = asha.Max(p => p.Rung!.Value);
                    ashas[a].Add((asha.Where(p => p.Rung == last).Max(p => p.Metric("fisher_ratio_rel")), asha.Sum(p => (double)p.Resource!.Value)));
                    line.Append(CultureInfo.InvariantCulture, $"; asha {min}/{eta} {ashas[a][^1].Best:F4} at {ashas[a][^1].Epochs / gridEpochs:P1}");
                }
                for (var g = 0; g < Graces.Length; g++)
                {
                    var median = medianRuns[g];
                    medians[g].Add((median.Where(p => p.Status == "done").Min(p => p.Metric("subspace_distance")),
                        median.Sum(p => p.Status == "stopped" ? Epochs * p.Metric("stopped_fraction") : Epochs),
                        median.Any(p => p.Status == "done" && p.Configuration == winner.Configuration)));
                    line.Append(CultureInfo.InvariantCulture, $"; median grace {Graces[g]} saved {1 - (medians[g][^1].Epochs / gridEpochs):P1}, kept {medians[g][^1].Kept}");
                    for (var order = 0; order < ReplayOrders; order++) replays[g].Add(Replay(grid, winner.Configuration, Graces[g], (1000L * s) + order));
                }
                const string space = "random:\n  space:\n    lr: {log_uniform: [0.001, 0.03]}\n    temperature: {log_uniform: [0.1, 3.0]}\n    batch: {choice: [32, 64, 128, 256]}\n";
                var tpe = Points(Cli(cli, scratch, store, $"tpe-{s}", $"seeds: [{s}]\nparams: {{{Problem}, epochs: 9}}\n{space}search: {{algorithm: tpe, metric: fisher_ratio_rel, trials: 50, seed: {s}}}\n"));
                var random = Points(Cli(cli, scratch, store, $"random-{s}", $"seeds: [{s}]\nparams: {{{Problem}, epochs: 9}}\n{space}search: {{algorithm: random, trials: 50}}\n"));
                searches.Add((tpe.Max(p => p.Metric("fisher_ratio_rel")), random.Max(p => p.Metric("fisher_ratio_rel"))));
                line.Append(CultureInfo.InvariantCulture, $"; tpe {searches[^1].Tpe:F4} random {searches[^1].Random:F4} ({clock.Elapsed.TotalSeconds:F0} s)");
                Console.Error.WriteLine(line);
            }
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
        var n = grids.Count;
        for (var a = 0; a < AshaSettings.Length; a++)
        {
            var (min, eta) = AshaSettings[a];
            var ratio = ashas[a].Select((r, i) => r.Best / grids[i].Best).ToList();
            var share = ashas[a].Select(r => r.Epochs / gridEpochs).ToList();
            var rungs = string.Join(", ", new SearchSpec(SearchAlgorithm.Asha, "m", true, "epochs", min, Epochs, eta).Rungs());
            yield return new Measurement($"ASHA (rungs {rungs}; η {eta}) vs full grid, gmm-contrastive InfoNCE 64 configurations (lr x temperature x batch), best fisher_ratio_rel", "%",
                100 * ratio.Average(), 100, "grid's best", "≥ 99% of the grid's best at ≤ 1/3 of its epochs",
                string.Create(CultureInfo.InvariantCulture, $"{(_failedRuns > 0 ? $"{_failedRuns} of the bench's runs had a failed point; " : "")}mean of {n} sweep seeds {Interval(ratio, 100)} %, worst {100 * ratio.Min():F2} %, within 1% in {ratio.Count(r => r >= 0.99)} of {n}; epochs {100 * share.Average():F1} % of the grid's {gridEpochs:F0} {Interval(share, 100)} %"));
        }
        for (var g = 0; g < Graces.Length; g++)
        {
            var saved = medians[g].Select(r => 1 - (r.Epochs / gridEpochs)).ToList();
            yield return new Measurement($"Median stopping (grace {Graces[g]} epochs) on the same 64 configurations (subspace_distance evaluated every 3 epochs): epochs saved", "%",
                100 * saved.Average(), 30, "target", "≥ 30% saved, grid's best kept",
                string.Create(CultureInfo.InvariantCulture, $"mean of {n} sweep seeds {Interval(saved, 100)} %; the grid's best configuration completed in {medians[g].Count(r => r.Kept)} of {n}; best found equals the grid's in {medians[g].Select((r, i) => r.Best == grids[i].Min).Count(x => x)} of {n}; replayed on the grid's curves in {ReplayOrders} start orders per seed (one slot): kept in {100.0 * replays[g].Count(r => r.Kept) / replays[g].Count:F1} % of {replays[g].Count}, saved {100 * replays[g].Average(r => r.Saved):F1} %"));
        }
        var difference = searches.Select(r => r.Tpe - r.Random).ToList();
        yield return new Measurement("TPE vs random search, 50 trials over lr (log) x temperature (log) x batch (choice), 9 epochs: mean best fisher_ratio_rel", "%",
            100 * searches.Average(r => r.Tpe), 100 * searches.Average(r => r.Random), "random search", "higher mean best, interval reported",
            string.Create(CultureInfo.InvariantCulture, $"tpe {Interval([.. searches.Select(r => r.Tpe)], 100)}, random {Interval([.. searches.Select(r => r.Random)], 100)} %; paired difference {100 * difference.Average():F3} {Interval(difference, 100)} % over {n} sweep seeds; tpe higher in {difference.Count(d => d > 0)} of {n}"));
    }

    /// <summary>
    /// asha on the quickstart's sample size (n_train 20,000, noise 0.3): training has converged by 27 epochs, so many
    /// configurations end within a fraction of a percent of each other; the other problem (n_train 4,000) is still
    /// learning at 27 epochs and its best configurations rank mid-field until epoch 9, where no rung schedule that
    /// spends a third of the grid can keep them.
    /// </summary>
    public static IEnumerable<Measurement> Converged(string root, int sweepSeeds)
    {
        var cli = Environment.GetEnvironmentVariable("CONTRASTIVE_CLI") ?? Path.Combine(root, "src", "Client", "bin", "Release", "net10.0", "contrastive.dll");
        var scratch = Directory.CreateTempSubdirectory("search-bench-converged-").FullName;
        var store = Path.Combine(scratch, "store");
        const string problem = "d: 10, k: 3, r: 2, condition: 100, noise: 0.3, n_train: 20000, n_test: 2000";
        (int Min, int Eta)[] settings = [(1, 3), (2, 4)];
        var gridBest = new List<double>();
        var ashas = settings.Select(_ => new List<(double Best, double Epochs)>()).ToArray();
        try
        {
            for (var s = 1; s <= sweepSeeds; s++)
            {
                var grid = Points(Cli(cli, scratch, store, $"cgrid-{s}", $"seeds: [{s}]\nparams: {{{problem}, epochs: {Epochs}}}\n{Grid}"));
                gridBest.Add(grid.Max(p => p.Metric("fisher_ratio_rel")));
                var line = new System.Text.StringBuilder(string.Create(CultureInfo.InvariantCulture, $"converged search bench seed {s}: grid {gridBest[^1]:F4}"));
                for (var a = 0; a < settings.Length; a++)
                {
                    var (min, eta) = settings[a];
                    var asha = Points(Cli(cli, scratch, store, $"casha-{s}-{min}-{eta}",
                        $"seeds: [{s}]\nparams: {{{problem}}}\n{Grid}search: {{algorithm: asha, metric: fisher_ratio_rel, resource: epochs, min_resource: {min}, max_resource: {Epochs}, reduction: {eta}, seed: {s}}}\n"));
                    var last = asha.Max(p => p.Rung!.Value);
                    ashas[a].Add((asha.Where(p => p.Rung == last).Max(p => p.Metric("fisher_ratio_rel")), asha.Sum(p => (double)p.Resource!.Value)));
                    line.Append(CultureInfo.InvariantCulture, $"; asha {min}/{eta} {ashas[a][^1].Best:F4} at {ashas[a][^1].Epochs / (64.0 * Epochs):P1}");
                }
                Console.Error.WriteLine(line);
            }
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
        for (var a = 0; a < settings.Length; a++)
        {
            var (min, eta) = settings[a];
            var ratio = ashas[a].Select((r, i) => r.Best / gridBest[i]).ToList();
            var share = ashas[a].Select(r => r.Epochs / (64.0 * Epochs)).ToList();
            var rungs = string.Join(", ", new SearchSpec(SearchAlgorithm.Asha, "m", true, "epochs", min, Epochs, eta).Rungs());
            yield return new Measurement($"ASHA (rungs {rungs}; η {eta}) vs full grid, n_train 20,000 (converged by 27 epochs), 64 configurations, best fisher_ratio_rel", "%",
                100 * ratio.Average(), 100, "grid's best", "≥ 99% of the grid's best at ≤ 1/3 of its epochs",
                string.Create(CultureInfo.InvariantCulture, $"mean of {ratio.Count} sweep seeds {Interval(ratio, 100)} %, worst {100 * ratio.Min():F2} %, within 1% in {ratio.Count(r => r >= 0.99)} of {ratio.Count}; epochs {100 * share.Average():F1} % of the grid's {64 * Epochs} {Interval(share, 100)} %"));
        }
    }

    /// <summary>
    /// Median stopping replayed on the grid's points, which are the same runs (content-addressed, deterministic): the
    /// strategy itself in a start order of its own seed, one point at a time, each stopped where its rule would stop it
    /// on the grid's curve. How often the best configuration survives over many orders, where one run per seed is one
    /// draw; the map from the strategy's indices to the configurations is fixed, so the orders are uniform draws.
    /// </summary>
    private static (double Saved, bool Kept) Replay(List<Point> grid, string winner, long grace, long orderSeed)
    {
        var points = grid.OrderBy(p => p.Configuration, StringComparer.Ordinal).ToList();
        var median = new MedianStoppingStrategy(points.Count, "subspace_distance", maximize: false, seed: orderSeed, grace: grace);
        var (epochs, kept) = (0.0, false);
        while (median.Next() is { } unit)
        {
            var point = points[unit.Trial];
            var curve = point.Distance ?? throw new InvalidOperationException($"grid point {point.Configuration} has no subspace_distance curve");
            var rule = median.StopRuleFor(unit);
            var (best, stoppedAt) = (double.PositiveInfinity, (long?)null);
            for (var i = 0; i < curve.Steps.Length && stoppedAt is null; i++)
            {
                best = Math.Min(best, curve.Values[i]);
                if (rule?.Behind(curve.Steps[i], best) is not null) stoppedAt = curve.Steps[i];
            }
            epochs += stoppedAt ?? Epochs;
            kept |= stoppedAt is null && point.Configuration == winner;
            // As the root tells it: a stopped unit has no score.
            median.Tell(stoppedAt is null ? new SearchOutcome(unit.Sequence, point.Metric("subspace_distance"), false, [curve]) : new SearchOutcome(unit.Sequence, null, true, []));
        }
        return (1 - (epochs / (points.Count * Epochs)), kept);
    }

    /// <summary>The strategies' cost per decision (a start and its outcome) with 10⁴ outcomes already told.</summary>
    public static IEnumerable<Measurement> Overhead(int completed)
    {
        var rng = new Random(1);
        // asha: 10⁴ configurations, one slot; timed over the decisions after the 10⁴th outcome.
        {
            var asha = new AshaStrategy(2 * completed, [1, 3, 9, 27], 3, maximize: true, seed: 1);
            var told = 0;
            var timed = Stopwatch.StartNew();
            var decisions = 0;
            while (asha.Next() is { } unit)
            {
                if (told == completed) timed.Restart();
                asha.Tell(SearchOutcome.Of(unit.Sequence, rng.NextDouble()));
                if (++told > completed) decisions++;
                if (decisions == 2000) break;
            }
            yield return PerDecision("ASHA", timed.Elapsed.TotalMilliseconds / decisions, completed);
        }
        {
            var median = new MedianStoppingStrategy(completed + 2000, "m", maximize: false, seed: 1);
            long[] steps = [3, 6, 9, 12, 15, 18, 21, 24, 27];
            SearchOutcome Outcome(int sequence) => new(sequence, rng.NextDouble(), false, [new EvaluationCurve(steps, [.. steps.Select(_ => rng.NextDouble())])]);
            for (var i = 0; i < completed; i++) median.Tell(Outcome(median.Next()!.Sequence));
            var timed = Stopwatch.StartNew();
            for (var i = 0; i < 2000; i++)
            {
                var unit = median.Next()!;
                _ = median.StopRuleFor(unit);
                median.Tell(Outcome(unit.Sequence));
            }
            yield return PerDecision("median stopping", timed.Elapsed.TotalMilliseconds / 2000, completed);
        }
        {
            RandomDimension[] space =
            [
                new("lr", DistributionKind.LogUniform, 1e-3, 0.3, []),
                new("temperature", DistributionKind.LogUniform, 0.05, 3, []),
                new("batch", DistributionKind.Choice, 0, 0, [32L, 64L, 128L, 256L]),
            ];
            // A decision of tpe is one Suggest over the finished trials (the rest is O(1)): timed with 10⁴ of them, and 10³.
            var estimator = new TreeParzenEstimator(space);
            var draw = new SplitMix64(7);
            // Steady state, as in a search of 10⁴ decisions: a few thousand proposals first, so the tiered JIT has
            // replaced the first-tier code (which, timed, doubled the cost per proposal).
            {
                var warm = new TpeModel(estimator);
                for (var i = 0; i < 1000; i++) warm.Add(new Trial(space.ToDictionary(d => d.Name, d => d.Draw(draw)), rng.NextDouble()));
                var warming = Stopwatch.StartNew();
                for (var i = 0; i < 3000 || warming.Elapsed < TimeSpan.FromSeconds(1); i++) _ = estimator.Suggest(warm, (ulong)i);
            }
            foreach (var n in new[] { completed, completed / 10 })
            {
                // As the tpe strategy keeps them: the model of the finished trials, one trial added per outcome.
                var model = new TpeModel(estimator);
                for (var i = 0; i < n; i++) model.Add(new Trial(space.ToDictionary(d => d.Name, d => d.Draw(draw)), rng.NextDouble()));
                for (var i = 0; i < 20; i++) _ = estimator.Suggest(model, (ulong)i);
                var timed = Stopwatch.StartNew();
                for (var i = 0; i < 200; i++)
                {
                    var proposal = estimator.Suggest(model, (ulong)i);
                    model.Add(new Trial(proposal, rng.NextDouble()));
                }
                yield return PerDecision("TPE (3 dimensions, 24 candidates)", timed.Elapsed.TotalMilliseconds / 200, n);
            }
        }
    }

    private static Measurement PerDecision(string strategy, double ms, int completed) => new(
        $"Search strategy overhead, {strategy}, per decision at {completed:N0} completed points", "ms", ms, 1, "target", "≤ 1 ms",
        "in process: one start and one outcome with that many outcomes told (tpe: one proposal from that many trials, O(n) in them); the engine's own per-point cost is in the engine rows");

    private static string Interval(List<double> values, double scale)
    {
        var n = values.Count;
        var mean = values.Average();
        if (n < 2) return string.Create(CultureInfo.InvariantCulture, $"{scale * mean:F2}");
        var sd = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (n - 1));
        var half = ContrastiveOrleans.Grains.Stats.StudentT.Quantile(0.975, n - 1) * sd / Math.Sqrt(n);
        return string.Create(CultureInfo.InvariantCulture, $"[{scale * (mean - half):F2}, {scale * (mean + half):F2}]");
    }

    /// <param name="Distance">subspace_distance as evaluated during training, at epochs (null: not evaluated).</param>
    private sealed record Point(string Status, Dictionary<string, double> Metrics, string Configuration, int? Rung, long? Resource, EvaluationCurve? Distance)
    {
        public double Metric(string name) => Metrics.TryGetValue(name, out var v) ? v : double.NaN;
    }

    /// <summary>The run's done and stopped points (a failed point has no metrics to rank).</summary>
    private static List<Point> Points(string output) =>
    [
        .. File.ReadLines(Path.Combine(output, "points.jsonl")).Where(line => !line.Contains("\"status\":\"failed\"", StringComparison.Ordinal)).Select(line =>
        {
            using var doc = JsonDocument.Parse(line);
            var e = doc.RootElement;
            var p = e.GetProperty("params");
            var configuration = string.Create(CultureInfo.InvariantCulture, $"{p.GetProperty("lr").GetDouble():R}/{p.GetProperty("temperature").GetDouble():R}/{p.GetProperty("batch").GetInt64()}");
            var search = e.TryGetProperty("search", out var s) ? s : (JsonElement?)null;
            EvaluationCurve? distance = null;
            if (e.TryGetProperty("curve", out var curve) && curve.ValueKind == JsonValueKind.Object && curve.TryGetProperty("eval", out var eval)
                && eval.TryGetProperty("subspace_distance", out var values))
            {
                // Training steps to epochs: the run's steps are spread evenly over its epochs.
                var perEpoch = curve.GetProperty("total_steps").GetDouble() / p.GetProperty("epochs").GetDouble();
                distance = new EvaluationCurve([.. eval.GetProperty("step").EnumerateArray().Select(x => (long)Math.Round(x.GetDouble() / perEpoch))],
                    [.. values.EnumerateArray().Select(x => x.GetDouble())]);
            }
            return new Point(e.GetProperty("status").GetString()!,
                e.GetProperty("metrics").EnumerateObject().ToDictionary(m => m.Name, m => m.Value.GetDouble(), StringComparer.Ordinal), configuration,
                search?.GetProperty("rung").GetInt32(), search is { } m && m.TryGetProperty("resource", out var r) ? r.GetInt64() : null, distance);
        }),
    ];

    private static string Cli(string cli, string scratch, string store, string name, string body)
    {
        var spec = Path.Combine(scratch, name + ".yaml");
        File.WriteAllText(spec, $"name: {name}\nexperiment: gmm-contrastive\n{body}resources: {{threads: 1}}\n");
        var output = Path.Combine(scratch, "out-" + name);
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = scratch };
        foreach (var a in new[] { cli, "run", spec, "--out", output, "--store", store }) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        // Exit 1 is a run with failed points (counted in the rows); anything else is the benchmark's failure.
        if (process.ExitCode is not (0 or 1)) throw new InvalidOperationException($"{name}: exit {process.ExitCode}\n{stdout.Result}\n{stderr.Result}");
        if (process.ExitCode == 1)
        {
            Interlocked.Increment(ref _failedRuns);
            Console.Error.WriteLine($"{name}: points failed: {stderr.Result.Split('\n').FirstOrDefault()?[..Math.Min(300, stderr.Result.Split('\n')[0].Length)]}");
        }
        return output;
    }
}
