using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ContrastiveOrleans.Experiments.Conformal;

/// <summary>
/// Learned single norm: g(x) = ‖M x‖_p with M = A Aᵀ (A learned, M symmetric PSD) and one learned p clamped to
/// [p_min, p_max]. {x : ‖Mx‖_p ≤ t} is the unit ℓp ball scaled by t and mapped by M⁻¹, so
/// log V = d log t − 2 log|det A| + d log 2 + d lgamma(1 + 1/p) − lgamma(1 + d/p). The formula is exact and invariant
/// to rescaling A (t rescales with it), so the volume objective cannot shrink the set by rescaling alone.
/// </summary>
public sealed class SingleNormSet : ICoveringSet
{
    private const double Floor = 1e-8;
    private readonly Parameter _a;
    private readonly Parameter _p;
    private readonly double _pMin;
    private readonly double _pMax;
    private readonly int _dimension;

    /// <param name="initialA">[d, d] start value of A (copied).</param>
    public SingleNormSet(Tensor initialA, double initialP, double pMin, double pMax)
    {
        ArgumentNullException.ThrowIfNull(initialA);
        _dimension = (int)initialA.shape[0];
        _pMin = pMin;
        _pMax = pMax;
        _a = new Parameter(initialA.detach().clone(), requires_grad: true);
        _p = new Parameter(tensor(Math.Clamp(initialP, pMin, pMax), dtype: initialA.dtype, device: initialA.device), requires_grad: true);
    }

    public IReadOnlyList<Parameter> Trainable => [_a, _p];

    public double MeanExponent
    {
        get
        {
            using var p = Exponent();
            return p.item<float>();
        }
    }

    private Tensor Exponent() => _p.clamp(_pMin, _pMax);

    public Tensor Score(Tensor difference)
    {
        ArgumentNullException.ThrowIfNull(difference);
        var p = Exponent();
        var y = difference.matmul(_a.matmul(_a.T)).abs() + Floor;
        // Factor out the largest entry so |y|^p cannot overflow float32 at p = 10.
        var largest = y.amax([-1L], keepdim: true);
        return (y / largest).pow(p).sum(-1).pow(p.reciprocal()) * largest.squeeze(-1);
    }

    public Tensor LogVolume(Tensor threshold)
    {
        ArgumentNullException.ThrowIfNull(threshold);
        var p = Exponent();
        var (_, logAbsDetA) = linalg.slogdet(_a);
        return threshold.log() * _dimension - 2 * logAbsDetA + LpBall.LogUnitGeneralized(p.expand(_dimension));
    }

    public void Dispose()
    {
        _a.Dispose();
        _p.Dispose();
    }
}
