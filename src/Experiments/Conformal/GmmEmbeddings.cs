using ContrastiveOrleans.Experiments.Gmm;
using ContrastiveOrleans.Experiments.Training;
using static TorchSharp.torch;

namespace ContrastiveOrleans.Experiments.Conformal;

/// <summary>
/// Embeddings produced the paper-1 way: a K-component GMM in D = 2·dim dimensions with a shared anisotropic
/// covariance (κ = 10), a linear map A (dim×D) trained with InfoNCE on noiseless coupled pairs from it (or fitted by
/// LDA or PCA on the same sample), and fresh labelled samples embedded as std · A x. Conformal sets are then built in
/// the space the method learned.
/// </summary>
public static class GmmEmbeddings
{
    private const double Condition = 10;

    public static readonly string[] Methods = ["infonce", "lda", "pca"];

    public static LabelledPoints Generate(int dim, int clusters, int perCluster, double separation, double std, Generator generator,
        CancellationToken cancellationToken = default) =>
        Generate("infonce", dim, clusters, perCluster, separation, std, generator, cancellationToken);

    public static LabelledPoints Generate(string method, int dim, int clusters, int perCluster, double separation, double std, Generator generator,
        CancellationToken cancellationToken = default)
    {
        using var scope = NewDisposeScope();
        using var mixture = GaussianMixture.Create(new GmmSpec(2 * dim, clusters, Condition, separation), generator);
        var total = (long)clusters * perCluster;
        // Enough pairs for the map to settle even when few points are asked for.
        var (x, partner, sampleLabels, _) = mixture.SamplePairs(Math.Max(total, 4096), 0.0, generator);
        // LDA sees the labels (at most k − 1 directions carry them; the rest of its rows are the remaining generalised
        // eigenvectors), PCA the first halves of the pairs, InfoNCE the pairs.
        var map = method switch
        {
            "infonce" => LinearInfoNce.Train(x, partner, new InfoNceOptions(dim, Epochs: 20, Batch: 256, LearningRate: 0.03),
                generator, CPU, evaluate: null, progress: null, cancellationToken).Map,
            "lda" => Baselines.LinearDiscriminant.Fit(x, sampleLabels, clusters, dim),
            "pca" => Baselines.PrincipalComponents.Fit(x, dim),
            _ => throw new ArgumentException($"embedding: '{method}' is not one of {string.Join(", ", Methods)}", nameof(method)),
        };

        var labels = arange(clusters, dtype: ScalarType.Int64).repeat_interleave(perCluster);
        var embedded = (mixture.SampleGiven(labels, generator).matmul(map.to_type(ScalarType.Float64).T) * std).to(ScalarType.Float32);
        var order = randperm(total, generator: generator);
        return new LabelledPoints(embedded[order].MoveToOuterDisposeScope(), labels[order].MoveToOuterDisposeScope());
    }
}
