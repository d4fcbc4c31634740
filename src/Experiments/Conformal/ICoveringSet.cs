using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ContrastiveOrleans.Experiments.Conformal;

/// <summary>
/// One global set shape C(a) = {z : g(z − a) ≤ t}, centred at every anchor a. Implementations own their tensors.
/// </summary>
public interface ICoveringSet : IDisposable
{
    /// <summary>Parameters the training split may learn; empty for fixed shapes (ball, Mahalanobis).</summary>
    IReadOnlyList<Parameter> Trainable { get; }

    /// <summary>Score g of differences z − a, shape [..., d] → [...]. Differentiable in <see cref="Trainable"/>.</summary>
    Tensor Score(Tensor difference);

    /// <summary>Exact log Lebesgue volume of {x : g(x) ≤ t} for a scalar t &gt; 0; differentiable in t and parameters.</summary>
    Tensor LogVolume(Tensor threshold);

    /// <summary>Mean exponent p of the norm (2 for ball and ellipsoid): a diagnostic of the learned geometry.</summary>
    double MeanExponent { get; }
}
