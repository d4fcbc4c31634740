using static TorchSharp.torch;

namespace ContrastiveOrleans.Experiments.AlphaCl;

/// <summary>
/// The max player's objective for a fixed α: E_α = ½ Σ_i Σ_{j≠i} α_ij (d_ij² − d_i²) on the unnormalised outputs,
/// and, for a linear map W, its quadratic form E_α = ½ tr(W C_α Wᵀ) with the contrastive covariance
///   C_α = Σ_i Σ_{j∈neg(i)} α_ij (x_i − x_j)(x_i − x_j)ᵀ − Σ_i (Σ_j α_ij)(x_i − x_i′)(x_i − x_i′)ᵀ
/// (negatives enter with +, positives with −, since d_ij² = ‖W(x_i − x_j)‖² = tr(W (x_i − x_j)(x_i − x_j)ᵀ Wᵀ)).
/// </summary>
public static class ContrastiveCovariance
{
    /// <summary>
    /// The 2N×2N matrix M with E_α = ½ tr(Fᵀ M F) for outputs F (2N×r): M = Lap(A) − Lap(P), Lap(B) = diag(B1 + Bᵀ1) − B − Bᵀ
    /// the graph Laplacian (Σ_ij B_ij ‖f_i − f_j‖² = tr(Fᵀ Lap(B) F)), A holding α at the negatives and P holding
    /// Σ_j α_ij at (i, partner(i)).
    /// </summary>
    public static Tensor PairOperator(PairGeometry geometry, Tensor alpha)
    {
        ArgumentNullException.ThrowIfNull(geometry);
        ArgumentNullException.ThrowIfNull(alpha);
        using var scope = NewDisposeScope();
        var rows = geometry.Rows;
        var a = alpha.detach();
        var negative = zeros(rows, rows, dtype: a.dtype, device: a.device).scatter(1, geometry.NegativeIndex, a);
        var positive = zeros(rows, rows, dtype: a.dtype, device: a.device).scatter(1, geometry.Partner.unsqueeze(1), a.sum(1, keepdim: true));
        return (Laplacian(negative) - Laplacian(positive)).MoveToOuterDisposeScope();
    }

    /// <summary>C_α = Xᵀ M X (d×d, float64) of the 2N inputs <paramref name="x"/>.</summary>
    public static Tensor Build(Tensor x, PairGeometry geometry, Tensor alpha)
    {
        ArgumentNullException.ThrowIfNull(x);
        using var scope = NewDisposeScope();
        var xs = x.to(float64);
        var c = xs.T.matmul(PairOperator(geometry, alpha.to(float64))).matmul(xs);
        return ((c + c.T) * 0.5).MoveToOuterDisposeScope();
    }

    /// <summary>E_α = ½ tr(Fᵀ M F) of outputs F under the operator from <see cref="PairOperator"/>; differentiable in F.</summary>
    public static Tensor Energy(Tensor outputs, Tensor pairOperator)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        ArgumentNullException.ThrowIfNull(pairOperator);
        return 0.5 * (outputs * pairOperator.matmul(outputs)).sum();
    }

    private static Tensor Laplacian(Tensor b)
    {
        // Row sums plus column sums (via the transpose: a literal 0 would bind to sum(ScalarType) and sum everything).
        var degree = b.sum(1) + b.T.sum(1);
        return diag(degree) - b - b.T;
    }
}
