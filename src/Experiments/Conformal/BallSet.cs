using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ContrastiveOrleans.Experiments.Conformal;

/// <summary>The distance baseline: g(x) = ‖x‖₂, so C(a) is the Euclidean ball of radius t around a.</summary>
public sealed class BallSet(int dimension) : ICoveringSet
{
    public IReadOnlyList<Parameter> Trainable => [];

    public double MeanExponent => 2;

    public Tensor Score(Tensor difference)
    {
        ArgumentNullException.ThrowIfNull(difference);
        return difference.square().sum(-1).sqrt();
    }

    /// <summary>log V = d log t + (d/2) log π − lgamma(d/2 + 1).</summary>
    public Tensor LogVolume(Tensor threshold)
    {
        ArgumentNullException.ThrowIfNull(threshold);
        return threshold.log() * dimension + LpBall.LogUnitEuclidean(dimension);
    }

    public void Dispose()
    {
    }
}
