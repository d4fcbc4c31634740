using static TorchSharp.torch;

namespace ContrastiveOrleans.Experiments.Linear;

/// <summary>
/// The symmetric-definite generalized eigenproblem A v = λ B v (B positive definite), solved by Cholesky reduction:
/// B = L Lᵀ, C = L⁻¹ A L⁻ᵀ, C u = λ u, v = L⁻ᵀ u. This is how LDA solves S_B v = λ S_W v.
/// </summary>
public static class GeneralizedEigen
{
    /// <summary>Eigenvalues in descending order and the matching B-orthonormal eigenvectors as rows.</summary>
    public static (Tensor Values, Tensor Vectors) Symmetric(Tensor a, Tensor b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        using var scope = NewDisposeScope();
        var l = linalg.cholesky(b.to_type(float64));
        var left = linalg.solve_triangular(l, a.to_type(float64), upper: false);
        var c = linalg.solve_triangular(l, left.T, upper: false);
        c = (c + c.T) * 0.5;  // symmetrise away rounding so eigh sees an exactly symmetric matrix
        var (values, u) = linalg.eigh(c);
        var order = values.argsort(descending: true);
        var vectors = linalg.solve_triangular(l.T, u.index_select(1, order), upper: true).T;
        return (values.index_select(0, order).MoveToOuterDisposeScope(), vectors.contiguous().MoveToOuterDisposeScope());
    }
}
