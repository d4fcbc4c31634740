using ContrastiveOrleans.Experiments.Abstractions;
using System.Diagnostics;
using ContrastiveOrleans.Experiments.Training;
using static TorchSharp.torch;

namespace ContrastiveOrleans.Bench;

/// <summary>
/// Linear InfoNCE training (the real trainer) vs the same computation in PyTorch, on identical data and initial map,
/// at equal intra-op threads.
/// </summary>
public static class TrainingStepBenchmark
{
    /// <summary>The comparison with PyTorch, then the same steps/s against the machine's roofline (see <see cref="Roofline"/>).</summary>
    public static IEnumerable<Measurement> Run(string referenceDir, int d, int r, int batch, int n, int epochs, int threads, int repetitions)
    {
        using var scope = NewDisposeScope();
        using var g = new Generator(7);
        var x = randn(n, d, dtype: float32, generator: g);
        var partner = x + 0.5f * randn(n, d, dtype: float32, generator: g);
        var init = randn(r, d, dtype: float32, generator: g) / Math.Sqrt(d);
        var dataFile = Path.Combine(Path.GetTempPath(), $"infonce-bench-{Environment.ProcessId}.f32");
        using (var file = File.Create(dataFile))
        {
            foreach (var t in new[] { x, partner, init }) file.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(t.data<float>().ToArray().AsSpan()));
        }

        Devices.UseThreads(threads);
        var options = new InfoNceOptions(r, epochs, batch, 0.03, Temperature: 0.5);
        var rates = new List<double>();
        double loss = double.NaN;
        for (var rep = 0; rep <= repetitions; rep++)
        {
            using var g2 = new Generator(1);
            var clock = Stopwatch.StartNew();
            var result = LinearInfoNce.TrainFrom(init, x, partner, options, g2, CPU, null, null, null, CancellationToken.None);
            clock.Stop();
            if (rep > 0) rates.Add(result.Steps / clock.Elapsed.TotalSeconds);
            loss = result.FinalLoss;
            result.Map.Dispose();
        }

        var peer = PythonPeer.Run(Path.Combine(referenceDir, "infonce_step.py"),
        [
            "--data", dataFile, "--n", $"{n}", "--d", $"{d}", "--r", $"{r}", "--batch", $"{batch}", "--epochs", $"{epochs}",
            "--threads", $"{threads}", "--repetitions", $"{repetitions}",
        ]);
        File.Delete(dataFile);
        var peerRate = Measurement.Median(peer.Select(e => e.GetProperty("steps_per_s").GetDouble()));
        var peerLoss = peer[^1].GetProperty("final_loss").GetDouble();
        var name = $"InfoNCE step d={d} r={r} batch={batch}, {threads} thread(s)";
        return [
            new Measurement(name, "steps/s", Measurement.Median(rates), peerRate, "PyTorch 1.13", "≥ 1.0x", $"final loss {loss:F4} vs {peerLoss:F4}"),
            .. Roofline.Step(name, Measurement.Median(rates), d, r, batch, threads, repetitions),
        ];
    }
}
