using System.Diagnostics;
using ContrastiveOrleans.Experiments.Abstractions;
using static TorchSharp.torch;

namespace ContrastiveOrleans.Bench;

/// <summary>
/// The machine's limits, measured in the same run as the steps they bound: sgemm GFLOP/s and copy bandwidth at a
/// given number of threads, and a linear InfoNCE step's work under a stated traffic model, so a step's speed is read
/// against the limit rather than against an old peer.
/// </summary>
public static class Roofline
{
    /// <summary>Copy bandwidth (read + write) of a 256 MB float32 tensor, GB/s, median of repetitions.</summary>
    public static double CopyBandwidth(int threads, int repetitions)
    {
        Devices.UseThreads(threads);
        using var scope = NewDisposeScope();
        const long n = 1L << 26;
        var source = ones(n, dtype: float32);
        var target = zeros(n, dtype: float32);
        var rates = new List<double>();
        for (var rep = 0; rep <= repetitions; rep++)
        {
            var clock = Stopwatch.StartNew();
            target.copy_(source);
            clock.Stop();
            if (rep > 0) rates.Add(2.0 * 4 * n / clock.Elapsed.TotalSeconds / 1e9);
        }
        return Measurement.Median(rates);
    }

    /// <summary>FLOPs of one step: forward two B×d×r projections and the B×r×B logits, backward twice that.</summary>
    public static double StepFlops(int d, int r, int batch) => 3.0 * ((2 * 2.0 * batch * d * r) + (2.0 * batch * batch * r));

    /// <summary>
    /// Bytes one step moves under a simple traffic model: the B×B float32 logits written, then read and written by the
    /// softmax and its gradient, then read by the two backward products (six passes), plus each B×d input and B×r
    /// output read and written twice.
    /// </summary>
    public static double StepBytes(int d, int r, int batch) => 4.0 * ((6.0 * batch * batch) + (2 * 2.0 * batch * (d + r)));

    /// <summary>A step's achieved GFLOP/s and GB/s (from its measured steps/s) against the two limits.</summary>
    public static IEnumerable<Measurement> Step(string name, double stepsPerSecond, int d, int r, int batch, int threads, int repetitions)
    {
        var peak = ComputeBoundBenchmark.SgemmGflops(2048, repetitions);
        var bandwidth = CopyBandwidth(threads, repetitions);
        var flops = StepFlops(d, r, batch);
        var bytes = StepBytes(d, r, batch);
        var intensity = flops / bytes;
        var bound = Math.Min(peak, intensity * bandwidth);
        yield return new Measurement($"{name}: achieved GFLOP/s against the roofline", "GFLOP/s", stepsPerSecond * flops / 1e9, bound,
            intensity * bandwidth < peak ? "bandwidth × intensity" : "sgemm peak", "information: the limit",
            string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"sgemm {peak:F1} GFLOP/s, copy {bandwidth:F1} GB/s at {threads} thread(s), same run; {intensity:F2} FLOP/B under the model ({bytes / 1e6:F2} MB/step: logits 6 passes)"));
        yield return new Measurement($"{name}: achieved GB/s under the traffic model", "GB/s", stepsPerSecond * bytes / 1e9, bandwidth, "copy bandwidth",
            "information: the limit", "the B×B logits fit in cache at this size, so the step can exceed DRAM copy bandwidth");
    }
}
