using ContrastiveOrleans.Experiments.Abstractions;
using static TorchSharp.torch;

namespace ContrastiveOrleans.Experiments.Metrics;

/// <summary>
/// Held-out quality of a representation: k-means (k-means++, restarts) on the projected test data scored against the
/// true labels (NMI, ARI, Hungarian-matched accuracy), and a linear probe trained on the projected training data.
/// </summary>
public static class ClusteringMetrics
{
    public static readonly string[] Names = ["nmi", "ari", "cluster_acc", "probe_acc"];

    public static void Add(IDictionary<string, double> metrics, Tensor trainFeatures, Tensor trainLabels, Tensor testFeatures,
        Tensor testLabels, int classes, Generator generator)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(testLabels);
        using var scope = NewDisposeScope();
        using var span = ExperimentTracing.Evaluate("clustering");
        var clusters = KMeans.Cluster(testFeatures, classes, generator);
        var contingency = new Contingency(testLabels.to_type(int64).data<long>().ToArray(), clusters);
        metrics["nmi"] = contingency.NormalizedMutualInformation();
        metrics["ari"] = contingency.AdjustedRandIndex();
        metrics["cluster_acc"] = contingency.MatchedAccuracy();
        metrics["probe_acc"] = LinearProbe.Accuracy(trainFeatures, trainLabels, testFeatures, testLabels, classes);
    }
}
