using System.Diagnostics;
using System.Runtime.InteropServices;
using ContrastiveOrleans.Experiments.Abstractions;
using ContrastiveOrleans.Experiments.Training;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ContrastiveOrleans.Bench;

/// <summary>
/// TorchSharp's implicitly converted Scalars can be finalized while libtorch still reads them ("Expected false to be
/// true"): each side runs for the same time on this thread while another thread allocates and collects (the
/// pressure a busy silo's other workers put on the GC), and every call or step that throws is counted.
/// The rows: one <c>add_(eps)</c> (implicit vs held), and InfoNCE training steps at the quickstart's shapes with
/// TorchSharp's Adam vs <see cref="HeldScalarAdam"/>, both through <see cref="LinearInfoNce.Loss(Tensor, Tensor, Tensor, Tensor, InfoNceOptions)"/>
/// (which holds its own scalars; autograd's backward keeps native copies).
/// </summary>
public static class ScalarRaceBenchmark
{
    public static IEnumerable<Measurement> Run(double seconds)
    {
        Devices.UseThreads(1);
        var (implicitCalls, implicitFailures) = UnderPressure(seconds, AddImplicit);
        var (heldCalls, heldFailures) = UnderPressure(seconds, AddHeld);
        yield return Row("add_(eps) on 64 floats", "calls", heldCalls, heldFailures, implicitCalls, implicitFailures, "implicit Scalar", seconds);

        var (referenceSteps, referenceFailures) = Training(seconds, ps => optim.Adam(ps, 0.01));
        var (ourSteps, ourFailures) = Training(seconds, ps => new HeldScalarAdam(ps, 0.01));
        yield return Row("InfoNCE training step (d 10, r 2, batch 64, Adam)", "steps", ourSteps, ourFailures, referenceSteps, referenceFailures,
            "TorchSharp's Adam", seconds);
    }

    private static Measurement Row(string what, string unit, long ours, long ourFailures, long peer, long peerFailures, string peerName, double seconds) =>
        new($"Implicit-Scalar race under allocation pressure: {what}, failures per 10^6 {unit}",
            "per 10^6", ourFailures * 1e6 / Math.Max(ours, 1), peerFailures * 1e6 / Math.Max(peer, 1), peerName,
            "no failure",
            $"ours {ourFailures} failed of {ours:N0} {unit}, {peerName} {peerFailures} of {peer:N0}, {seconds:F0} s each while another thread allocates 1,000 arrays of 256 B and runs a gen-0 collection in a loop");

    private static void AddImplicit(Tensor x) => x.sqrt().add_(1e-8);

    private static readonly Scalar Eps = 1e-8.ToScalar(), One = 1.ToScalar();

    private static void AddHeld(Tensor x) => x.sqrt().add_(Eps, One);

    private static (long Calls, long Failures) UnderPressure(double seconds, Action<Tensor> call)
    {
        using var x = rand(64);
        long calls = 0, failures = 0;
        Pressure(seconds, () =>
        {
            using var scope = NewDisposeScope();
            try { call(x); }
            catch (ExternalException) { failures++; }
            calls++;
        });
        return (calls, failures);
    }

    private static (long Steps, long Failures) Training(double seconds, Func<IEnumerable<Parameter>, optim.Optimizer> create)
    {
        using var scope = NewDisposeScope();
        using var g = new Generator(3);
        var x = randn(64, 10, generator: g);
        var partner = x + 0.3 * randn(64, 10, generator: g);
        var target = arange(64, dtype: int64);
        var options = new InfoNceOptions(Rank: 2, Epochs: 1, Batch: 64, LearningRate: 0.01, Temperature: 0.5);
        using var map = nn.Parameter(randn(2, 10, generator: g) / Math.Sqrt(10));
        using var optimizer = create([map]);
        long steps = 0, failures = 0;
        Pressure(seconds, () =>
        {
            using var stepScope = NewDisposeScope();
            try
            {
                optimizer.zero_grad();
                LinearInfoNce.Loss(x, partner, map, target, options).backward();
                optimizer.step();
            }
            catch (ExternalException) { failures++; }
            steps++;
        });
        return (steps, failures);
    }

    // Runs body in a loop on this thread for the given time while a second thread keeps the GC (and so the
    // finalizer thread) busy.
    private static void Pressure(double seconds, Action body)
    {
        var stop = 0;
        var pressure = new Thread(() =>
        {
            var garbage = new List<byte[]>();
            while (Volatile.Read(ref stop) == 0)
            {
                for (var i = 0; i < 1000; i++) garbage.Add(new byte[256]);
                if (garbage.Count > 100_000) garbage.Clear();
                GC.Collect(0);
            }
        }) { IsBackground = true };
        pressure.Start();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed.TotalSeconds < seconds) body();
        Volatile.Write(ref stop, 1);
        pressure.Join();
    }
}
