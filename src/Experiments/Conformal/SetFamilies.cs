using static TorchSharp.torch;

namespace ContrastiveOrleans.Experiments.Conformal;

/// <summary>Names of the set families and their construction at the start of a run.</summary>
public static class SetFamilies
{
    public const string Ball = "ball";
    public const string Mahalanobis = "mahalanobis";
    public const string SingleNorm = "single-norm";
    public const string MultiNorm = "multi-norm";

    public static readonly string[] All = [Ball, Mahalanobis, SingleNorm, MultiNorm];

    /// <summary>Initial p of the learned norms: 2, so training starts from a Euclidean-like shape (standard choice).</summary>
    public const double InitialExponent = 2;

    /// <summary>
    /// Builds the family's starting shape. Learned shapes start near the ball: single-norm A = I + 0.1·N(0,1) (as in the
    /// reference simulation), multi-norm m = 1; both with p = 2 instead of the reference's U(0.1, 4) draw.
    /// </summary>
    public static ICoveringSet Create(ConformalOptions options, PairSampler train, Generator generator, Device device)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(train);
        var d = options.Dimension;
        switch (options.Set)
        {
            case Ball:
                return new BallSet(d);
            case Mahalanobis:
            {
                using var scope = NewDisposeScope();
                var all = arange(train.Count, device: device);
                var differences = train.Positives(all, options.Positives, generator) - train.Anchors(all).unsqueeze(1);
                return new MahalanobisSet(differences);
            }
            case SingleNorm:
            {
                using var a = eye(d) + randn([d, d], generator: generator) * 0.1;
                using var onDevice = a.to(device);
                return new SingleNormSet(onDevice, InitialExponent, options.PMin, options.PMax);
            }
            case MultiNorm:
            {
                using var logWeights = zeros(d, device: device);
                using var exponents = full(d, InitialExponent, device: device);
                return new MultiNormSet(logWeights, exponents, options.PMin, options.PMax, options.VolumeFormula == "reference");
            }
            default:
                throw new ArgumentException($"set: '{options.Set}' is not one of {string.Join(", ", All)}", nameof(options));
        }
    }
}
