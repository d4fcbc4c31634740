using System.Diagnostics;
using ContrastiveOrleans.Experiments.Abstractions;
using ContrastiveOrleans.Experiments.Gmm;

namespace ContrastiveOrleans.Bench;

/// <summary>
/// K gmm-contrastive InfoNCE points of the quickstart's shapes (d 10, k 3, r 2, 20,000 pairs) differing in seed,
/// noise, learning rate and temperature: trained one by one, then as one packed program, in this process on one
/// thread. Point-steps/s counts training steps over the training phases (train_ms); the metrics of every packed point
/// are compared with the same point run alone.
/// </summary>
public static class PackingBenchmark
{
    public static IEnumerable<Measurement> Run(int points, int batch, int epochs)
    {
        Devices.UseThreads(1);
        var experiment = new GmmContrastiveExperiment();
        var contexts = Enumerable.Range(0, points).Select(i => new ExperimentContext(Point(experiment, batch, epochs, i), Seed: i)).ToList();
        // Warm-up: one point alone and a pack of two, so neither side pays JIT or first-touch costs.
        experiment.Run(contexts[0], CancellationToken.None);
        experiment.RunPacked(contexts.Take(2).ToList(), CancellationToken.None);

        var wallAlone = Stopwatch.StartNew();
        var alone = contexts.Select(c => experiment.Run(c, CancellationToken.None)).ToList();
        wallAlone.Stop();
        var wallPacked = Stopwatch.StartNew();
        var packed = experiment.RunPacked(contexts, CancellationToken.None);
        wallPacked.Stop();

        var steps = (20_000 / batch) * epochs * (double)points;
        var trainAlone = alone.Sum(m => m["train_ms"]) / 1000;
        var trainPacked = packed.Sum(o => o.Metrics!["train_ms"]) / 1000;
        var deviation = 0.0;
        for (var i = 0; i < points; i++)
        {
            foreach (var (name, value) in alone[i].Where(kv => !kv.Key.EndsWith("_ms", StringComparison.Ordinal)))
                deviation = Math.Max(deviation, Math.Abs(packed[i].Metrics![name] - value) / Math.Max(Math.Abs(value), 1e-3));
        }
        yield return new Measurement($"Packed training: {points} gmm-contrastive InfoNCE points at batch {batch} (d 10, r 2, 20,000 pairs, {epochs} epochs), 1 thread",
            "point-steps/s", steps / trainPacked, steps / trainAlone, "the same points one by one", batch == 64 ? "≥ 2.5x; metrics within 1e-5 relative" : "reported; metrics within 1e-5 relative",
            FormattableString.Invariant($"training {trainPacked:F2} s packed vs {trainAlone:F2} s alone; whole points (data, training, evaluation) {wallPacked.Elapsed.TotalSeconds:F2} s vs {wallAlone.Elapsed.TotalSeconds:F2} s; largest relative metric difference packed vs alone {deviation:E1} (floored at 1e-3)"));
    }

    private static ParameterSet Point(GmmContrastiveExperiment experiment, int batch, int epochs, int i)
    {
        var given = new ParameterSet([
            KeyValuePair.Create("d", (object)10L), KeyValuePair.Create("k", (object)3L), KeyValuePair.Create("r", (object)2L),
            KeyValuePair.Create("condition", (object)100.0), KeyValuePair.Create("n_train", (object)20_000L),
            KeyValuePair.Create("epochs", (object)(long)epochs), KeyValuePair.Create("batch", (object)(long)batch),
            KeyValuePair.Create("noise", (object)(0.1 * (i % 4))), KeyValuePair.Create("lr", (object)(0.01 + 0.01 * (i % 3))),
            KeyValuePair.Create("temperature", (object)(0.3 + 0.1 * (i % 5))), KeyValuePair.Create("method", (object)"infonce")]);
        var (resolved, errors) = ExperimentCatalog.Resolve(experiment, given);
        if (errors.Count > 0) throw new InvalidOperationException(string.Join("; ", errors));
        return resolved!;
    }
}
