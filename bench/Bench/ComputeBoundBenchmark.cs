using ContrastiveOrleans.Experiments.Abstractions;
using System.Diagnostics;
using ContrastiveOrleans.Experiments.Training;
using static TorchSharp.torch;

namespace ContrastiveOrleans.Bench;

/// <summary>
/// A large linear InfoNCE training run: achieved GFLOP/s of the step (forward + backward matmuls) vs a large sgemm
/// timed in the same process at the same threads, the practical peak.
/// </summary>
public static class ComputeBoundBenchmark
{
    public static Measurement Run(int d, int r, int batch, int steps, int threads, int repetitions)
    {
        Devices.UseThreads(threads);
        using var scope = NewDisposeScope();
        var peak = SgemmGflops(2048, repetitions);

        using var g = new Generator(3);
        var n = batch * steps;
        var x = randn(n, d, dtype: float32, generator: g);
        var partner = x + 0.5f * randn(n, d, dtype: float32, generator: g);
        var options = new InfoNceOptions(r, 1, batch, 0.01, Temperature: 0.5);
        // Forward: two B×d×r projections and the B×r×B logits; backward doubles each: 3 × forward.
        var flopsPerStep = 3.0 * (2 * 2.0 * batch * d * r + 2.0 * batch * batch * r);
        var rates = new List<double>();
        for (var rep = 0; rep <= repetitions; rep++)
        {
            using var g2 = new Generator(1);
            var clock = Stopwatch.StartNew();
            var result = LinearInfoNce.Train(x, partner, options, g2, CPU, null, null, CancellationToken.None);
            clock.Stop();
            if (rep > 0) rates.Add(result.Steps * flopsPerStep / clock.Elapsed.TotalSeconds / 1e9);
            result.Map.Dispose();
        }
        return new Measurement($"Compute-bound step d={d} r={r} batch={batch}, {threads} thread(s)", "GFLOP/s",
            Measurement.Median(rates), peak, "sgemm 2048³ same process", "≥ 0.60x", "matmul FLOPs only");
    }

    public static double SgemmGflops(int size, int repetitions)
    {
        using var scope = NewDisposeScope();
        using var g = new Generator(5);
        var a = randn(size, size, dtype: float32, generator: g);
        var b = randn(size, size, dtype: float32, generator: g);
        var rates = new List<double>();
        for (var rep = 0; rep <= repetitions; rep++)
        {
            var clock = Stopwatch.StartNew();
            using var c = a.matmul(b);
            clock.Stop();
            if (rep > 0) rates.Add(2.0 * size * size * size / clock.Elapsed.TotalSeconds / 1e9);
        }
        return Measurement.Median(rates);
    }
}
