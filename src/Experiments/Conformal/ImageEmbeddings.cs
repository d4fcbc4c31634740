using ContrastiveOrleans.Experiments.Images;
using ContrastiveOrleans.Experiments.Abstractions;
using static TorchSharp.torch;

namespace ContrastiveOrleans.Experiments.Conformal;

/// <summary>
/// Paper 3 on real images: a linear map of standardised PCA pixels fitted on the dataset's training split (InfoNCE,
/// LDA or PCA, as image-contrastive fits it, with the point's seed), and the test split's images embedded by it: up to
/// points_per_cluster images of each class, each with <c>views</c> augmentations embedded alike when positives are
/// augmentations of the anchor (the paper's setting) rather than other images of its class. Embeddings are scaled to
/// unit mean coordinate variance, so set hyperparameters mean the same as on the simulation.
/// </summary>
public static class ImageEmbeddings
{
    public static readonly string[] Methods = ["infonce", "lda", "pca"];

    /// <param name="views">Augmentations embedded per image (0: positives are other images of the class).</param>
    public static LabelledPoints Generate(ImageFeatures features, string method, int dim, int perClass, int views, ImageMaps.Training training,
        Generator generator, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(training);
        using var scope = NewDisposeScope();
        var (subset, labels, x) = ImageMaps.Sample(features, 0, generator);
        var (map, _) = ImageMaps.Fit(method, features, subset, labels, x, dim, training, generator, generator, CPU, null, cancellationToken);
        var projection = map.to_type(float32).T;

        // perClass images of every class from the test split, in random order.
        var testLabels = tensor(features.Test.Labels, dtype: ScalarType.Byte).to_type(int64);
        var chosen = new List<Tensor>();
        for (var c = 0; c < features.Test.Classes; c++)
        {
            var members = nonzero(testLabels.eq(c)).squeeze(1);
            if (members.shape[0] < perClass)
            {
                throw new ExperimentFailedException($"points_per_cluster: {perClass} exceeds the {members.shape[0]} test images of class {c}; allowed: 2..{members.shape[0]}");
            }
            chosen.Add(members.index_select(0, randperm(members.shape[0], generator: generator)[..perClass]));
        }
        var index = cat(chosen, 0);
        index = index.index_select(0, randperm(index.shape[0], generator: generator));
        var embedded = features.TestRows().index_select(0, index).matmul(projection);
        var scale = embedded.var().sqrt().clamp_min(1e-12);
        Tensor? augmented = null;
        if (views > 0)
        {
            var repeated = index.repeat_interleave(views);
            augmented = (training.Augment.Features(features.Test, features, repeated, generator).matmul(projection) / scale).view(index.shape[0], views, dim);
        }
        return new LabelledPoints((embedded / scale).MoveToOuterDisposeScope(), testLabels.index_select(0, index).MoveToOuterDisposeScope())
        {
            Views = augmented?.MoveToOuterDisposeScope(),
        };
    }
}
