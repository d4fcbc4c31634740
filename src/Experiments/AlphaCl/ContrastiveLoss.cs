using static TorchSharp.torch;

namespace ContrastiveOrleans.Experiments.AlphaCl;

/// <summary>
/// The batch losses on 2N network outputs (anchors then partners), normalised here to unit vectors z.
/// <list type="bullet">
/// <item>ntxent: SimCLR's NT-Xent, mean over the 2N rows of −log softmax of the positive among itself and the
/// 2N−2 negatives, logits cos/τ.</item>
/// <item>alpha-*: the reference's `dual2` form mean_i Σ_j α_ij (cos_ij − cos_i+) = mean_i Σ_j α_ij (r_i+ − r_ij),
/// with α from <see cref="AlphaWeights"/> on the detached r, so the gradient is that of E_α with α held fixed. (That
/// is half of Σ_j α_ij (d_i² − d_ij²) with d² = ‖z_a − z_b‖² = 2r: the reference's scale, which matters under SGD.)</item>
/// </list>
/// For p = 2 and ε = 0 the NT-Xent gradient of row i is (1 − p_pos,i)/τ times the dual2 gradient of row i.
/// </summary>
public static class ContrastiveLoss
{
    /// <summary>The batch loss: the mean of <see cref="RowTerms"/>.</summary>
    public static Tensor Compute(Tensor outputs, PairGeometry geometry, AlphaLossOptions options) =>
        RowTerms(outputs, geometry, options).mean();

    /// <summary>The loss of each of the 2N rows (anchors and partners alike).</summary>
    public static Tensor RowTerms(Tensor outputs, PairGeometry geometry, AlphaLossOptions options)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        ArgumentNullException.ThrowIfNull(geometry);
        ArgumentNullException.ThrowIfNull(options);
        var z = nn.functional.normalize(outputs, dim: 1);
        var (positives, negatives) = geometry.Cosines(z);
        if (options.Loss == AlphaLossOptions.NtXent)
        {
            var logits = cat([positives.unsqueeze(1), negatives], 1) / options.Temperature;
            var target = zeros(geometry.Rows, dtype: int64, device: outputs.device);
            return nn.functional.cross_entropy(logits, target, reduction: nn.Reduction.None);
        }
        var rNeg = 1 - negatives;
        var rPos = 1 - positives;
        var alpha = AlphaWeights.Compute(rNeg.detach(), options);
        return (alpha.sum(1) * rPos) - (alpha * rNeg).sum(1);
    }

    /// <summary>
    /// Each of K packed runs' batch loss (K) from their outputs (K×2N×width), as <see cref="Compute"/> gives one run's:
    /// the same row terms with a leading run dimension (α weights and water-filling act along the last dimension).
    /// </summary>
    public static Tensor PackedCompute(Tensor outputs, PairGeometry geometry, AlphaLossOptions options)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        ArgumentNullException.ThrowIfNull(geometry);
        ArgumentNullException.ThrowIfNull(options);
        var k = outputs.shape[0];
        var z = nn.functional.normalize(outputs, dim: 2);
        var (positives, negatives) = geometry.PackedCosines(z);
        if (options.Loss == AlphaLossOptions.NtXent)
        {
            var logits = cat([positives.unsqueeze(2), negatives], 2) / options.Temperature;
            var target = zeros(k * geometry.Rows, dtype: int64, device: outputs.device);
            return nn.functional.cross_entropy(logits.view(k * geometry.Rows, geometry.Rows - 1), target, reduction: nn.Reduction.None)
                .view(k, geometry.Rows).mean([1]);
        }
        var rNeg = 1 - negatives;
        var rPos = 1 - positives;
        var alpha = AlphaWeights.Compute(rNeg.detach(), options);
        return ((alpha.sum(-1) * rPos) - (alpha * rNeg).sum(-1)).mean([1]);
    }
}
