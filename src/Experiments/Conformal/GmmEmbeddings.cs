using ContrastiveOrleans.Experiments.Gmm;
using ContrastiveOrleans.Experiments.Training;
using static TorchSharp.torch;

namespace ContrastiveOrleans.Experiments.Conformal;

/// <summary>
/// Embeddings produced the paper-1 way: a K-component GMM in D = 2·dim dimensions with a shared anisotropic
/// covariance (κ = 10), a linear map A (dim×D) trained with InfoNCE on noiseless coupled pairs from it, and fresh
/// labelled samples embedded as std · A x. Conformal sets are then built in the space InfoNCE learned.
/// </summary>
public static class GmmEmbeddings
{
    private const double Condition = 10;

    public static LabelledPoints Generate(int dim, int clusters, int perCluster, double separation, double std, Generator generator,
        CancellationToken cancellationToken = default)
    {
        using var scope = NewDisposeScope();
        using var mixture = GaussianMixture.Create(new GmmSpec(2 * dim, clusters, Condition, separation), generator);
        var total = (long)clusters * perCluster;
        // Enough pairs for the map to settle even when few points are asked for.
        var (x, partner, _, _) = mixture.SamplePairs(Math.Max(total, 4096), 0.0, generator);
        var trained = LinearInfoNce.Train(x, partner, new InfoNceOptions(dim, Epochs: 20, Batch: 256, LearningRate: 0.03),
            generator, CPU, evaluate: null, progress: null, cancellationToken);

        var labels = arange(clusters, dtype: ScalarType.Int64).repeat_interleave(perCluster);
        var embedded = (mixture.SampleGiven(labels, generator).matmul(trained.Map.T) * std).to(ScalarType.Float32);
        var order = randperm(total, generator: generator);
        return new LabelledPoints(embedded[order].MoveToOuterDisposeScope(), labels[order].MoveToOuterDisposeScope());
    }
}
