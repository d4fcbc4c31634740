using static TorchSharp.torch;

namespace ContrastiveOrleans.Experiments.Linear;

/// <summary>Principal-angle and Fisher-criterion measures of a projection's row space (float64).</summary>
public static class Subspaces
{
    /// <summary>Orthonormal basis (rows) of the row space of <paramref name="map"/>, dropping numerically null directions.</summary>
    public static Tensor RowBasis(Tensor map, double relativeTolerance = 1e-10)
    {
        ArgumentNullException.ThrowIfNull(map);
        using var scope = NewDisposeScope();
        var m = map.to_type(float64);
        var (_, s, vh) = linalg.svd(m, fullMatrices: false);
        var sv = s.data<double>().ToArray();
        var keep = sv.Length == 0 ? 0 : sv.Count(v => v > sv[0] * relativeTolerance);
        return vh[..keep].contiguous().MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Sine of the largest principal angle between the reference subspace (rows of <paramref name="reference"/>) and
    /// its best match in the row space of <paramref name="map"/>: ‖(I − P_map) F‖₂ for an orthonormal F, in [0, 1].
    /// When the map has fewer independent rows than the reference, the roles swap (the map's space is matched inside
    /// the reference), and a map of rank 0 is at distance 1.
    /// </summary>
    public static double Distance(Tensor reference, Tensor map)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(map);
        using var scope = NewDisposeScope();
        var f = RowBasis(reference);
        var a = RowBasis(map);
        if (a.shape[0] == 0 || f.shape[0] == 0) return 1.0;
        var (inner, outer) = a.shape[0] >= f.shape[0] ? (f, a) : (a, f);
        // Residual of each inner basis vector after projection onto the outer subspace.
        var residual = inner - inner.matmul(outer.T).matmul(outer);
        var largest = linalg.svdvals(residual).max().item<double>();
        return Math.Clamp(largest, 0.0, 1.0);
    }

    /// <summary>
    /// Fisher criterion J(A) = tr((A S_W Aᵀ)⁺ A S_B Aᵀ) of the projection <paramref name="map"/> (r×d).
    /// </summary>
    public static double FisherCriterion(Tensor map, Tensor within, Tensor between)
    {
        ArgumentNullException.ThrowIfNull(map);
        using var scope = NewDisposeScope();
        var a = RowBasis(map);
        if (a.shape[0] == 0) return 0.0;
        var w = a.matmul(within).matmul(a.T);
        var b = a.matmul(between).matmul(a.T);
        return linalg.solve(w, b).trace().item<double>();
    }

    /// <summary>The largest Fisher criterion any rank-r projection reaches: the sum of the top r eigenvalues of S_W⁻¹S_B.</summary>
    public static double OptimalFisherCriterion(Tensor within, Tensor between, long r)
    {
        using var scope = NewDisposeScope();
        var values = GeneralizedEigen.Symmetric(between, within).Values;
        var n = (int)Math.Min(r, values.shape[0]);
        return values[..n].sum().item<double>();
    }

    /// <summary>Share of ‖A‖_F² that lies in the span of the orthonormal rows of <paramref name="basis"/>, in [0, 1].</summary>
    public static double EnergyShare(Tensor map, Tensor basis)
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(basis);
        if (basis.shape[0] == 0) return 0.0;
        using var scope = NewDisposeScope();
        var a = map.to_type(float64);
        var total = a.square().sum().item<double>();
        return total == 0 ? 0.0 : a.matmul(basis.T).square().sum().item<double>() / total;
    }
}
