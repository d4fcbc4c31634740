using static TorchSharp.torch;

namespace ContrastiveOrleans.Experiments.AlphaCl;

/// <summary>
/// The min player of alpha-quadratic. Per anchor i it solves
///   α_i = argmin_{α ∈ Δ} Σ_j α_j r_ij + (τ/2) Σ_j α_j²      (Δ the probability simplex over the 2N−2 negatives),
/// i.e. the entropy regulariser that yields InfoNCE's softmax replaced by a quadratic one. Completing the square,
/// the objective is (τ/2)‖α + r_i/τ‖² + const, so α_i is the Euclidean projection of v = −r_i/τ onto Δ. The KKT
/// conditions τα_j + r_ij − μ_i − ν_j = 0, ν_j ≥ 0, ν_j α_j = 0, Σ_j α_j = 1 give the water-filling form
///   α_ij = (μ_i − r_ij)₊ / τ,   μ_i the level at which Σ_j (μ_i − r_ij)₊ = τ,
/// sparse: only negatives closer than the water level μ_i get weight. With v sorted descending (u_1 ≥ … ≥ u_n) and
/// c_k = Σ_{m≤k} u_m, the support size is ρ = max{k : u_k − (c_k − 1)/k > 0} (the condition holds for a prefix of
/// k), the shift θ = (c_ρ − 1)/ρ, α = (v − θ)₊ and hence μ_i = −τθ (Held, Wolfe and Crowder 1974; Duchi et al. 2008).
/// </summary>
public static class WaterFilling
{
    /// <summary>Projects every row of <paramref name="v"/> onto the probability simplex.</summary>
    public static Tensor ProjectRows(Tensor v)
    {
        ArgumentNullException.ThrowIfNull(v);
        using var scope = NewDisposeScope();
        var n = v.shape[^1];
        var (u, _) = v.sort(dim: -1, descending: true);
        var c = u.cumsum(-1);
        var k = arange(1, n + 1, dtype: v.dtype, device: v.device);
        var active = (u - (c - 1) / k).gt(0);
        // u_1 − (u_1 − 1) = 1 > 0, so ρ ≥ 1 and the gather index is valid.
        var rho = active.sum(-1, keepdim: true, type: int64);
        var theta = (c.gather(-1, rho - 1) - 1) / rho.to_type(v.dtype);
        return (v - theta).clamp_min(0).MoveToOuterDisposeScope();
    }

    /// <summary>α_ij = (μ_i − r_ij)₊/τ for the distances <paramref name="r"/> (rows: anchors).</summary>
    public static Tensor Weights(Tensor r, double temperature)
    {
        ArgumentNullException.ThrowIfNull(r);
        using var scope = NewDisposeScope();
        return ProjectRows(-r / temperature).MoveToOuterDisposeScope();
    }
}
