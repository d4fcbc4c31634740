using static TorchSharp.torch;

namespace ContrastiveOrleans.Experiments.Conformal;

/// <summary>
/// Differentiable stand-in for the conformal threshold during training.
/// </summary>
/// <remarks>
/// Sorts the scores and averages the order statistics within ±<see cref="Window"/> ranks of the fractional conformal
/// position r = (n+1)(1−α) − 1 (0-based, clamped to the sample) with weights ∝ exp(−|i − r|). This follows the
/// reference code's window of 5 but centres it at the exact conformal rank. The sort's permutation is piecewise
/// constant, so gradients flow into the ~11 scores near the quantile instead of one, which smooths the training signal;
/// the bias is O(window / n) in quantile level. The calibrated threshold is always the exact rank, never this.
/// </remarks>
public static class SoftQuantile
{
    public const int Window = 5;

    public static Tensor Compute(Tensor scores, double alpha)
    {
        ArgumentNullException.ThrowIfNull(scores);
        var flat = scores.reshape(-1);
        var n = flat.shape[0];
        var position = Math.Clamp((n + 1) * (1 - alpha) - 1, 0, n - 1);
        var lo = Math.Max(0, (long)Math.Floor(position) - Window);
        var hi = Math.Min(n - 1, (long)Math.Ceiling(position) + Window);
        var weights = new float[hi - lo + 1];
        for (var i = 0; i < weights.Length; i++) weights[i] = (float)Math.Exp(-Math.Abs(lo + i - position));
        var total = weights.Sum();
        for (var i = 0; i < weights.Length; i++) weights[i] /= total;
        var (sorted, _) = flat.sort();
        return (sorted.narrow(0, lo, weights.Length) * tensor(weights, device: flat.device, dtype: flat.dtype)).sum();
    }
}
