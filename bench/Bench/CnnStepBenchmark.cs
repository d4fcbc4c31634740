using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using ContrastiveOrleans.Experiments.Abstractions;
using ContrastiveOrleans.Experiments.AlphaCl;
using ContrastiveOrleans.Experiments.Images;
using ContrastiveOrleans.Experiments.Metrics;
using static TorchSharp.torch;

namespace ContrastiveOrleans.Bench;

/// <summary>
/// alpha-cl's CNN training step (the real <see cref="ConvEncoder"/> and NT-Xent of <see cref="ContrastiveLoss"/>, Adam)
/// against the same step in PyTorch, on identical views of Fashion-MNIST images and identical initial parameters, at
/// equal intra-op threads: images/s and the final loss after the same steps. The step's achieved GFLOP/s is read
/// against sgemm's, measured in the same run. Also one shipped sweep point end to end, against its 10-minute budget.
/// </summary>
public static class CnnStepBenchmark
{
    private const int Channels = 16;
    private const int Width = 64;
    private const int Pool = 2;
    private const int Pairs = 256;
    private const int Batches = 8;

    /// <summary>The first CNN point of sweeps/alpha-cl-images.yaml, read from the file (so the row times what ships).</summary>
    public static ParameterSet Shipped(string root)
    {
        var spec = new Sweeps.SweepSpecParser(ExperimentCatalog.Default).Parse(File.ReadAllText(Path.Combine(root, "sweeps", "alpha-cl-images.yaml")));
        var point = Sweeps.SweepExpander.Expand(spec).Points().First(p => p.ParamsJson.Contains("\"encoder\":\"cnn\"", StringComparison.Ordinal));
        return ParameterSet.FromJson(point.ParamsJson);
    }

    public static IEnumerable<Measurement> Run(string referenceDir, int threads, int steps, int repetitions)
    {
        Devices.UseThreads(threads);
        var dataFile = Path.Combine(Path.GetTempPath(), $"cnn-bench-{Environment.ProcessId}.f32");
        double rate, loss, macs;
        using (var scope = NewDisposeScope())
        {
            using var g = new Generator(7);
            var (train, _) = ImageDatasets.Load(ImageDatasets.FashionMnist, "");
            using var views = new ImageViews(train, train, new ImageAugment(0, true, 0.1, 0.3), CPU);
            var batches = new List<Tensor>();
            for (var b = 0; b < Batches; b++)
            {
                var (first, second) = views.Views(randperm(train.Count, generator: g)[..Pairs], g);
                batches.Add(cat([first, second]));
            }
            using var init = ConvEncoder.Create(1, Channels, Width, g, CPU, float32, Pool);
            macs = init.ForwardMacs(28, 28);
            using (var file = File.Create(dataFile))
            {
                foreach (var t in init.Parameters.Select(p => (Tensor)p).Concat(batches)) file.Write(MemoryMarshal.AsBytes(t.detach().contiguous().data<float>().ToArray().AsSpan()));
            }

            var rates = new List<double>();
            loss = double.NaN;
            using var geometry = new PairGeometry(Pairs, CPU);
            var options = new AlphaLossOptions(AlphaLossOptions.NtXent, Temperature: 0.5);
            for (var rep = 0; rep <= repetitions; rep++)
            {
                using var repScope = NewDisposeScope();
                using var encoder = ConvEncoder.Create(1, Channels, Width, new Generator(1), CPU, float32, Pool);
                using (no_grad())
                {
                    foreach (var (p, q) in encoder.Parameters.Zip(init.Parameters)) p.copy_(q);
                }
                using var optimizer = optim.Adam(encoder.Parameters, 0.001);
                var clock = Stopwatch.StartNew();
                Tensor? last = null;
                for (var s = 0; s < steps; s++)
                {
                    using var step = NewDisposeScope();
                    optimizer.zero_grad();
                    var value = ContrastiveLoss.Compute(encoder.Forward(batches[s % Batches]), geometry, options);
                    value.backward();
                    optimizer.step();
                    if (s == steps - 1) last = value.detach().MoveToOuterDisposeScope();
                }
                loss = last!.item<float>();
                clock.Stop();
                if (rep > 0) rates.Add(steps * 2.0 * Pairs / clock.Elapsed.TotalSeconds);
            }
            rate = Measurement.Median(rates);
        }

        var peer = PythonPeer.Run(Path.Combine(referenceDir, "cnn_step.py"),
        [
            "--data", dataFile, "--channels", $"{Channels}", "--width", $"{Width}", "--pool", $"{Pool}", "--pairs", $"{Pairs}", "--batches", $"{Batches}", "--steps", $"{steps}",
            "--threads", $"{threads}", "--repetitions", $"{repetitions}",
        ]);
        File.Delete(dataFile);
        var peerRate = Measurement.Median(peer.Select(e => e.GetProperty("images_per_s").GetDouble()));
        var peerLoss = peer[^1].GetProperty("final_loss").GetDouble();
        var name = $"alpha-cl CNN step (c {Channels}, pool {Pool}, batch {Pairs} pairs = {2 * Pairs} views, 28×28), {threads} thread(s)";
        yield return new Measurement(name, "images/s", rate, peerRate, "PyTorch 1.13", "≥ 1.0x", string.Create(CultureInfo.InvariantCulture,
            $"final loss after {steps} steps from the same parameters and views: {loss:F5} vs {peerLoss:F5}"));
        var peak = ComputeBoundBenchmark.SgemmGflops(2048, repetitions);
        // Forward, then backward through inputs and weights: three times the forward's multiply-adds, two FLOPs each.
        var achieved = rate * macs * 3 * 2 / 1e9;
        yield return new Measurement($"{name}: achieved GFLOP/s against sgemm", "GFLOP/s", achieved, peak, "sgemm peak (same run)", "information: the limit",
            string.Create(CultureInfo.InvariantCulture, $"{macs / 1e6:F2} M multiply-adds per view forward; small-channel convolutions are memory- and overhead-bound"));
    }

    /// <summary>
    /// The probe on the shipped CNN's representation before any training (He-initialised, the sweep's architecture):
    /// what training must add to. Random convolutional features are a strong baseline on Fashion-MNIST.
    /// </summary>
    public static Measurement Untrained(int threads, ParameterSet shipped, double trainedProbe)
    {
        ArgumentNullException.ThrowIfNull(shipped);
        Devices.UseThreads(threads);
        using var scope = NewDisposeScope();
        var (train, test) = ImageDatasets.Load(ImageDatasets.FashionMnist, "");
        var augment = new ImageAugment(0, false, 0);
        using var trainViews = new ImageViews(train, train, augment, CPU);
        using var testViews = new ImageViews(test, train, augment, CPU);
        using var g = new Generator(11);
        using var encoder = ConvEncoder.Create(1, (int)shipped.GetInt("channels"), (int)shipped.GetInt("width"), g, CPU, float32, (int)shipped.GetInt("pool"));
        var probe = LinearProbe.Accuracy(trainViews.Map(encoder.Backbone), trainViews.Labels(), testViews.Map(encoder.Backbone), testViews.Labels(), train.Classes);
        return new Measurement("alpha-cl image point: probe of the same CNN untrained (He initialisation), against the trained point above", "accuracy", probe, trainedProbe,
            "the trained point", "information: what training adds", "random convolutional features are a strong linear-probe baseline on Fashion-MNIST");
    }

    /// <summary>One alpha-cl image point at the shipped sweep's settings, timed end to end (the first in the process, so it pays the dataset read).</summary>
    public static (Measurement Row, double Probe) Point(int threads, ParameterSet shipped)
    {
        var experiment = new AlphaClExperiment();
        var (resolved, errors) = ExperimentCatalog.Resolve(experiment, shipped);
        if (errors.Count > 0) throw new InvalidOperationException(string.Join("; ", errors));
        var clock = Stopwatch.StartNew();
        var metrics = experiment.Run(new ExperimentContext(resolved, 0, Threads: threads), CancellationToken.None);
        var seconds = clock.Elapsed.TotalSeconds;
        return (new Measurement($"alpha-cl image point at sweeps/alpha-cl-images.yaml's settings ({resolved.GetString("loss")}, {resolved.GetInt("epochs")} epochs)", "s",
            seconds, 600, "budget", "≤ 10 min on 2 cores", string.Create(CultureInfo.InvariantCulture,
                $"train {metrics["train_ms"] / 1000:F0} s, eval {metrics["eval_ms"] / 1000:F0} s, data {metrics["data_ms"] / 1000:F1} s; probe {metrics["probe_acc"]:F4}, NMI {metrics["nmi"]:F3}; {threads} thread(s)")), metrics["probe_acc"]);
    }
}
