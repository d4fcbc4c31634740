using static TorchSharp.torch;

namespace ContrastiveOrleans.Experiments.Baselines;

/// <summary>Unsupervised PCA: the top-r principal directions of the centred sample, the spectral baseline.</summary>
public static class PrincipalComponents
{
    public static Tensor Fit(Tensor x, int r)
    {
        ArgumentNullException.ThrowIfNull(x);
        using var scope = NewDisposeScope();
        var data = x.to_type(float64);
        var centred = data - data.mean([0], keepdim: true);
        var (_, _, vh) = linalg.svd(centred, fullMatrices: false);
        return vh[..r].contiguous().MoveToOuterDisposeScope();
    }
}
