using System.Diagnostics;
using System.Runtime.InteropServices;
using ContrastiveOrleans.Experiments.Abstractions;
using ContrastiveOrleans.Experiments.Gmm;
using ContrastiveOrleans.Experiments.Metrics;
using static TorchSharp.torch;

namespace ContrastiveOrleans.Bench;

/// <summary>
/// A point's evaluation (k-means with 5 restarts, NMI/ARI/matched accuracy, the linear probe) against scikit-learn's
/// KMeans + metrics + StandardScaler/LogisticRegression on the same features, same threads, timed end to end on both
/// sides. Agreement: our NMI/ARI/matched accuracy computed on scikit-learn's clustering against its own values, and
/// the probe accuracies (both solve the same objective: mean cross-entropy + l2·‖W‖²).
/// </summary>
public static class EvaluationBenchmark
{
    public static IEnumerable<Measurement> Run(string referenceDir, int n, int m, int p, int k, int threads, int repetitions)
    {
        Devices.UseThreads(threads);
        using var scope = NewDisposeScope();
        using var g = new Generator(17);
        using var mixture = GaussianMixture.Create(new GmmSpec(p, k, 10, 3), g);
        var (train, trainLabels) = mixture.Sample(n, g);
        var (test, testLabels) = mixture.Sample(m, g);

        var times = new List<double>();
        var ours = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var rep = 0; rep <= repetitions; rep++)
        {
            using var generator = new Generator((ulong)(100 + rep));
            ours.Clear();
            var clock = Stopwatch.StartNew();
            ClusteringMetrics.Add(ours, train, trainLabels, test, testLabels, k, generator);
            clock.Stop();
            if (rep > 0) times.Add(clock.Elapsed.TotalSeconds);
        }

        var dataFile = Path.Combine(Path.GetTempPath(), $"eval-bench-{Environment.ProcessId}.f64");
        var outFile = dataFile + ".out";
        using (var file = File.Create(dataFile))
        {
            foreach (var t in new[] { train, trainLabels.to_type(float64), test, testLabels.to_type(float64) })
                file.Write(MemoryMarshal.AsBytes(t.contiguous().data<double>().ToArray().AsSpan()));
        }
        var env = new Dictionary<string, string> { ["OMP_NUM_THREADS"] = $"{threads}", ["OPENBLAS_NUM_THREADS"] = $"{threads}" };
        var peer = PythonPeer.Run(Path.Combine(referenceDir, "eval_metrics.py"),
            ["--data", dataFile, "--n", $"{n}", "--m", $"{m}", "--p", $"{p}", "--k", $"{k}", "--out", outFile, "--repetitions", $"{repetitions}"], env);
        var theirClusters = MemoryMarshal.Cast<byte, long>(File.ReadAllBytes(outFile)).ToArray();
        File.Delete(dataFile);
        File.Delete(outFile);

        var last = peer[^1];
        var onTheirs = new Contingency(testLabels.data<long>().ToArray(), theirClusters);
        var metricGap = new[]
        {
            Math.Abs(onTheirs.NormalizedMutualInformation() - last.GetProperty("nmi").GetDouble()),
            Math.Abs(onTheirs.AdjustedRandIndex() - last.GetProperty("ari").GetDouble()),
            Math.Abs(onTheirs.MatchedAccuracy() - last.GetProperty("cluster_acc").GetDouble()),
        }.Max();
        var probeGap = Math.Abs(ours["probe_acc"] - last.GetProperty("probe_acc").GetDouble());
        yield return new Measurement($"Evaluation n_train={n} n_test={m} features={p} k={k}, {threads} thread(s)", "s", Measurement.Median(times),
            Measurement.Median(peer.Select(e => e.GetProperty("seconds").GetDouble())), "scikit-learn", "≥ 1.0x, NMI/ARI within 1e-6, probe within 0.5 points",
            FormattableString.Invariant(
                $"k-means (5 restarts) + NMI/ARI/matched accuracy + probe; our metrics on sklearn's clustering differ by at most {metricGap:E1}; probe accuracy {ours["probe_acc"]:F4} vs {last.GetProperty("probe_acc").GetDouble():F4} ({100 * probeGap:F2} points; sklearn lbfgs {last.GetProperty("probe_iterations").GetInt32()} iterations); NMI {ours["nmi"]:F4} vs {last.GetProperty("nmi").GetDouble():F4} on each side's own clustering"));
    }
}
