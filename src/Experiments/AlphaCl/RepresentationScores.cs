using ContrastiveOrleans.Experiments.Abstractions;
using ContrastiveOrleans.Experiments.Metrics;
using static TorchSharp.torch;

namespace ContrastiveOrleans.Experiments.AlphaCl;

/// <summary>
/// Scores a trained encoder on held-out data. The probe and k-means see the unit-normalised outputs z (the space
/// the losses shape); the effective rank is that of the centred unnormalised test outputs, which for a linear
/// encoder is the rank of its map.
/// </summary>
public static class RepresentationScores
{
    public static IReadOnlyDictionary<string, double> Evaluate(
        Encoder encoder, Tensor x, Tensor labels, Tensor xTest, Tensor labelsTest, int classes, int restarts, Generator generator)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(xTest);
        ArgumentNullException.ThrowIfNull(labelsTest);
        using var scope = NewDisposeScope();
        using var span = ExperimentTracing.Evaluate("representation");
        using var noGrad = no_grad();
        var device = encoder.Layers[0].device;
        var dtype = encoder.Layers[0].dtype;
        var train = encoder.Forward(x.to(dtype).to(device));
        var test = encoder.Forward(xTest.to(dtype).to(device));
        var zTrain = nn.functional.normalize(train, dim: 1);
        var zTest = nn.functional.normalize(test, dim: 1);
        var truth = labelsTest.to(int64).cpu().data<long>().ToArray();
        var clusters = KMeans.Cluster(zTest, classes, generator, restarts);
        var metrics = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["probe_acc"] = LinearProbe.Accuracy(zTrain, labels, zTest, labelsTest, classes),
            ["nmi"] = new Contingency(truth, clusters).NormalizedMutualInformation(),
            ["effective_rank"] = Spectra.EffectiveRank(test - test.mean([0], keepdim: true)),
        };
        return metrics;
    }
}
