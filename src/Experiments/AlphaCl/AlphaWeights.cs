using static TorchSharp.torch;

namespace ContrastiveOrleans.Experiments.AlphaCl;

/// <summary>
/// The pairwise importance α of the min player for each loss family, from the negatives' distances
/// r_ij = 1 − cos_ij (which the caller detaches: α is a stop-gradient weight). As the reference code's
/// _process_pairwise_dist: w = f(r^e), exp: exp(−r^{p/2}/τ), quadratic: water-filling on r^e, inverse:
/// 1/(r^e + τ)^q.
/// </summary>
public static class AlphaWeights
{
    /// <summary>α (2N×(2N−2)) with α_ij = w_ij / (Σ_k w_ik + ε·(2N−2)).</summary>
    public static Tensor Compute(Tensor r, AlphaLossOptions options)
    {
        ArgumentNullException.ThrowIfNull(r);
        ArgumentNullException.ThrowIfNull(options);
        using var scope = NewDisposeScope();
        var negatives = r.shape[^1];
        var slack = options.AlphaEps * negatives;
        // Rounding can make 1 − cos slightly negative; a fractional power of it would be NaN.
        var rr = r.clamp_min(0);
        Tensor alpha;
        switch (options.Loss)
        {
            case AlphaLossOptions.NtXent:
            case AlphaLossOptions.AlphaExp:
                // NT-Xent's own α is the softmax of −r/τ, i.e. the p = 2 member of this family.
                var exponent = options.Loss == AlphaLossOptions.NtXent ? 1.0 : options.P / 2;
                var logits = -rr.pow(exponent) / options.Temperature;
                // Shifting by the row maximum keeps exp finite at small τ; the ε term is shifted alike.
                var top = logits.amax([-1], keepdim: true);
                var e = (logits - top).exp();
                alpha = slack == 0 ? e / e.sum(-1, keepdim: true) : e / (e.sum(-1, keepdim: true) + slack * (-top).exp());
                break;
            case AlphaLossOptions.AlphaInverse:
                var w = (rr.pow(options.Exponent) + options.Temperature).pow(-options.Power);
                alpha = w / (w.sum(-1, keepdim: true) + slack);
                break;
            case AlphaLossOptions.AlphaQuadratic:
                // The projection already sums to 1, so ε only rescales it, as it would any w with Σw = 1.
                alpha = WaterFilling.Weights(rr.pow(options.Exponent), options.Temperature) / (1 + slack);
                break;
            default:
                throw new ArgumentException($"loss: '{options.Loss}' is not one of {string.Join(", ", AlphaLossOptions.Names)}", nameof(options));
        }
        return alpha.MoveToOuterDisposeScope();
    }
}
