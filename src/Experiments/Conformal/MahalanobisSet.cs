using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ContrastiveOrleans.Experiments.Conformal;

/// <summary>
/// The ellipsoid baseline: g(x) = √(xᵀ Σ⁻¹ x), Σ the second moment of positive − anchor differences on the training
/// split (uncentred, as in the reference code: the set stays centred at the anchor) plus a ridge of 1e-4 times its
/// mean eigenvalue so that a degenerate direction cannot give a zero-volume set.
/// </summary>
public sealed class MahalanobisSet : ICoveringSet
{
    private const double RelativeRidge = 1e-4;
    private readonly Tensor _whitening;
    private readonly double _logDetCovariance;
    private readonly int _dimension;

    /// <param name="differences">Training differences z⁺ − a, shape [n, d].</param>
    public MahalanobisSet(Tensor differences)
    {
        ArgumentNullException.ThrowIfNull(differences);
        using var scope = NewDisposeScope();
        _dimension = (int)differences.shape[^1];
        var x = differences.reshape(-1, _dimension).to(ScalarType.Float64);
        var second = x.T.matmul(x) / x.shape[0];
        var ridge = RelativeRidge * second.trace().item<double>() / _dimension + 1e-12;
        var cholesky = linalg.cholesky(second + eye(_dimension, dtype: ScalarType.Float64, device: x.device) * ridge);
        _logDetCovariance = 2 * cholesky.diagonal().log().sum().item<double>();
        // ‖L⁻¹x‖² = xᵀ(LLᵀ)⁻¹x, so scores need one matrix product.
        _whitening = linalg.inv(cholesky).T.to(differences.dtype).DetachFromDisposeScope();
    }

    public IReadOnlyList<Parameter> Trainable => [];

    public double MeanExponent => 2;

    public Tensor Score(Tensor difference)
    {
        ArgumentNullException.ThrowIfNull(difference);
        return difference.matmul(_whitening).square().sum(-1).sqrt();
    }

    /// <summary>log V = d log t + ½ log det Σ + log V(unit ball).</summary>
    public Tensor LogVolume(Tensor threshold)
    {
        ArgumentNullException.ThrowIfNull(threshold);
        return threshold.log() * _dimension + (0.5 * _logDetCovariance + LpBall.LogUnitEuclidean(_dimension));
    }

    public void Dispose() => _whitening.Dispose();
}
