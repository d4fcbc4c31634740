using ContrastiveOrleans.Experiments.Conformal;
using static TorchSharp.torch;

namespace ContrastiveOrleans.Experiments.Tests.Conformal;

/// <summary>Hit-or-miss volume of {x : g(x) ≤ t} inside a box [−h, h], with its binomial standard error.</summary>
internal static class MonteCarloVolume
{
    public static (double Volume, double StandardError, double HitRate) Estimate(
        ICoveringSet set, double threshold, double[] halfWidths, int samples, int seed)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        using var generator = new Generator((ulong)seed);
        var h = tensor(halfWidths, dtype: ScalarType.Float32);
        var x = (rand([samples, halfWidths.Length], generator: generator) * 2 - 1) * h;
        var hits = (set.Score(x) <= threshold).sum().item<long>();
        var boxVolume = halfWidths.Aggregate(1.0, (v, w) => v * 2 * w);
        var f = hits / (double)samples;
        return (f * boxVolume, boxVolume * Math.Sqrt(f * (1 - f) / samples), f);
    }

    public static double LogVolume(ICoveringSet set, double threshold)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        return set.LogVolume(tensor(threshold, dtype: ScalarType.Float64)).to(ScalarType.Float64).item<double>();
    }
}
