using static TorchSharp.torch;

namespace ContrastiveOrleans.Experiments.AlphaCl;

/// <summary>Rank and alignment summaries of learned maps and representations (float64).</summary>
public static class Spectra
{
    /// <summary>exp(H(p)) with p = s/Σs the normalised singular values of <paramref name="matrix"/>: 1 for rank one.</summary>
    public static double EffectiveRank(Tensor matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        using var scope = NewDisposeScope();
        var s = linalg.svdvals(matrix.to(float64).cpu()).data<double>().ToArray();
        var total = s.Sum();
        if (!(total > 0)) return 0.0;
        var entropy = 0.0;
        foreach (var v in s)
        {
            var p = v / total;
            if (p > 0) entropy -= p * Math.Log(p);
        }
        return Math.Exp(entropy);
    }

    /// <summary>|cos| between the top right singular vector of <paramref name="map"/> and the top eigenvector of the symmetric <paramref name="covariance"/>.</summary>
    public static double TopEigenCosine(Tensor map, Tensor covariance)
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(covariance);
        using var scope = NewDisposeScope();
        var (_, _, vh) = linalg.svd(map.to(float64).cpu(), fullMatrices: false);
        var (_, vectors) = linalg.eigh(covariance.to(float64).cpu());
        var top = vectors[.., -1];
        var cos = vh[0].dot(top).abs() / (vh[0].norm() * top.norm());
        return cos.item<double>();
    }
}
