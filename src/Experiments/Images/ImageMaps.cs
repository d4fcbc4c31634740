using ContrastiveOrleans.Experiments.Abstractions;
using ContrastiveOrleans.Experiments.Baselines;
using ContrastiveOrleans.Experiments.Training;
using static TorchSharp.torch;

namespace ContrastiveOrleans.Experiments.Images;

/// <summary>
/// Linear maps of image features, fitted on the training split the paper-1 ways: InfoNCE on positive pairs
/// (same-class partners with class noise δ, or two augmentations of each anchor), LDA (with or without Ledoit–Wolf
/// shrinkage), PCA, or a random map. Shared by image-contrastive and conformal sets on image embeddings.
/// </summary>
public static class ImageMaps
{
    /// <summary>What InfoNCE trains with; the other methods read none of it.</summary>
    public sealed record Training(InfoNceOptions Options, string Positives, double Noise, ImageAugment Augment, string LdaShrinkage);

    /// <summary>The training images a point uses (a random subset of n, or all) with their labels and features.</summary>
    public static (Tensor Subset, Tensor Labels, Tensor X) Sample(ImageFeatures features, long n, Generator generator)
    {
        ArgumentNullException.ThrowIfNull(features);
        var count = features.Train.Count;
        var subset = n <= 0 || n >= count ? arange(count, dtype: int64) : randperm(count, generator: generator)[..(int)n];
        var labels = tensor(features.Train.Labels, dtype: ScalarType.Byte).to_type(int64).index_select(0, subset);
        return (subset, labels, features.TrainRows(subset));
    }

    /// <summary>The map (r × features, float64) and, for InfoNCE, its final loss.</summary>
    public static (Tensor Map, double? FinalLoss) Fit(string method, ImageFeatures features, Tensor subset, Tensor labels, Tensor x, int r, Training training,
        Generator data, Generator model, Device device, IProgress<TrainingProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(training);
        switch (method)
        {
            case "infonce":
                var (anchor, partner) = Pairs(features, subset, labels, x, training, data);
                var trained = LinearInfoNce.Train(anchor, partner, training.Options, model, device, null, progress, cancellationToken);
                return (trained.Map, trained.FinalLoss);
            case "lda":
                return (training.LdaShrinkage == "auto" ? LinearDiscriminant.FitShrunk(x, labels, features.Train.Classes, r) : LinearDiscriminant.Fit(x, labels, features.Train.Classes, r), null);
            case "pca":
                return (PrincipalComponents.Fit(x, r), null);
            case "random":
                return (randn(r, features.Dimensions, dtype: float64, generator: model), null);
            default:
                throw new ArgumentException($"method: '{method}' is not one of infonce, lda, pca, random", nameof(method));
        }
    }

    /// <summary>
    /// same-class: the anchor's features and another training image's (of its class; with probability δ a random
    /// training image). augment: two independent augmentations of each anchor image, labels never read.
    /// </summary>
    public static (Tensor Anchor, Tensor Partner) Pairs(ImageFeatures features, Tensor subset, Tensor labels, Tensor x, Training training, Generator generator)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(subset);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(training);
        if (training.Positives == ImagePositives.Augment)
        {
            return (training.Augment.Features(features.Train, features, subset, generator), training.Augment.Features(features.Train, features, subset, generator));
        }
        var n = subset.shape[0];
        // Members of each class among the subset, grouped: a partner of class c is member start[c] + ⌊u · count[c]⌋.
        var order = labels.sort(0, descending: false, stable: true).Indices;
        var counts = bincount(labels, minlength: features.Train.Classes);
        var starts = counts.cumsum(0) - counts;
        var resample = rand(n, generator: generator) < training.Noise;
        var u = rand(n, dtype: float64, generator: generator);
        var random = randint(0, n, [n], generator: generator);
        var within = (starts.index_select(0, labels) + (u * counts.index_select(0, labels).to_type(float64)).floor().to_type(int64)).clamp_max(n - 1);
        var partner = where(resample, random, order.index_select(0, within));
        return (x, x.index_select(0, partner));
    }
}
