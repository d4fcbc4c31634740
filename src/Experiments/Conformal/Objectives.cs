using static TorchSharp.torch;

namespace ContrastiveOrleans.Experiments.Conformal;

/// <summary>Training objectives of a learned set at the soft threshold t of the batch's positive scores.</summary>
public static class Objectives
{
    public const string Negatives = "neg";
    public const string Volume = "vol";
    public const string Both = "neg+vol";

    public static readonly string[] All = [Negatives, Volume, Both];

    /// <summary>neg as σ(T(t − g)), the reference's form: not scale-invariant, since rescaling a set's shape (g → cg,
    /// t → ct) leaves the set unchanged but sharpens the sigmoid.</summary>
    public const string DifferenceForm = "difference";

    /// <summary>neg as σ(T(1 − g/t)): unchanged by rescaling the shape.</summary>
    public const string RatioForm = "ratio";

    public static readonly string[] NegForms = [DifferenceForm, RatioForm];

    /// <summary>Smallest threshold fed to the log-volume, as in the reference code (keeps log t finite).</summary>
    public const double ThresholdFloor = 1e-4;

    /// <summary>
    /// neg = mean sigmoid(T(t − g(neg))) (or σ(T(1 − g/t)), <see cref="RatioForm"/>): a smooth share of negatives inside; vol = log-volume at t;
    /// neg+vol = (1−λ)·neg + λ·vol.
    /// </summary>
    public static Tensor Loss(ICoveringSet set, string objective, Tensor threshold, Tensor negativeScores, double sharpness, double lambda,
        string negForm = DifferenceForm)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(threshold);
        ArgumentNullException.ThrowIfNull(negativeScores);
        return objective switch
        {
            Negatives => Inclusion(threshold, negativeScores, sharpness, negForm),
            Volume => set.LogVolume(threshold.clamp_min(ThresholdFloor)),
            Both => Inclusion(threshold, negativeScores, sharpness, negForm) * (1 - lambda)
                    + set.LogVolume(threshold.clamp_min(ThresholdFloor)) * lambda,
            _ => throw new ArgumentException($"objective: '{objective}' is not one of {string.Join(", ", All)}", nameof(objective)),
        };
    }

    private static Tensor Inclusion(Tensor threshold, Tensor negativeScores, double sharpness, string form) =>
        form == RatioForm
            ? ((1 - (negativeScores / threshold.clamp_min(ThresholdFloor))) * sharpness).sigmoid().mean()
            : ((threshold - negativeScores) * sharpness).sigmoid().mean();
}
