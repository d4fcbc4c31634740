using ContrastiveOrleans.Experiments.Abstractions;
using System.Diagnostics;
using ContrastiveOrleans.Experiments.Baselines;
using ContrastiveOrleans.Experiments.Gmm;
using ContrastiveOrleans.Experiments.Linear;
using static TorchSharp.torch;

namespace ContrastiveOrleans.Bench;

/// <summary>Our closed-form LDA vs scikit-learn's LinearDiscriminantAnalysis(solver="eigen") on the same data.</summary>
public static class LdaBenchmark
{
    public static Measurement Run(string referenceDir, int n, int d, int k, int threads, int repetitions)
    {
        Devices.UseThreads(threads);
        using var scope = NewDisposeScope();
        using var g = new Generator(11);
        using var mixture = GaussianMixture.Create(new GmmSpec(d, k, 100, 3), g);
        var (x, labels) = mixture.Sample(n, g);
        var r = k - 1;
        var times = new List<double>();
        Tensor ours = empty(0);
        for (var rep = 0; rep <= repetitions; rep++)
        {
            var clock = Stopwatch.StartNew();
            ours = LinearDiscriminant.Fit(x, labels, k, r);
            clock.Stop();
            if (rep > 0) times.Add(clock.Elapsed.TotalSeconds);
        }

        var dataFile = Path.Combine(Path.GetTempPath(), $"lda-bench-{Environment.ProcessId}.f64");
        var outFile = dataFile + ".out";
        using (var file = File.Create(dataFile))
        {
            file.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(x.data<double>().ToArray().AsSpan()));
            file.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(labels.to_type(float64).data<double>().ToArray().AsSpan()));
        }
        var env = new Dictionary<string, string> { ["OMP_NUM_THREADS"] = $"{threads}", ["OPENBLAS_NUM_THREADS"] = $"{threads}" };
        var peer = PythonPeer.Run(Path.Combine(referenceDir, "lda_fit.py"),
            ["--data", dataFile, "--n", $"{n}", "--d", $"{d}", "--r", $"{r}", "--out", outFile, "--repetitions", $"{repetitions}"], env);
        var theirs = tensor(System.Runtime.InteropServices.MemoryMarshal.Cast<byte, double>(File.ReadAllBytes(outFile)).ToArray(), r, d);
        File.Delete(dataFile);
        File.Delete(outFile);
        var distance = Subspaces.Distance(theirs, ours);
        return new Measurement($"LDA fit n={n} d={d} k={k}", "s", Measurement.Median(times),
            Measurement.Median(peer.Select(e => e.GetProperty("seconds").GetDouble())), "scikit-learn", "≥ 1.0x, distance < 1e-6",
            $"subspace distance to sklearn {distance:E2}");
    }
}
