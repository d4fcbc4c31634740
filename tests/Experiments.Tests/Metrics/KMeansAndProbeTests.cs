using ContrastiveOrleans.Experiments.Metrics;
using static TorchSharp.torch;

namespace ContrastiveOrleans.Experiments.Tests.Metrics;

public sealed class KMeansAndProbeTests
{
    private static (Tensor X, Tensor Labels) Blobs(int perClass, double spread, Generator g)
    {
        var centres = tensor(new double[] { 0, 0, 10, 0, 0, 10 }, 3, 2);
        var labels = arange(3, dtype: int64).repeat_interleave(perClass);
        var x = centres.index_select(0, labels) + spread * randn(3 * perClass, 2, dtype: float64, generator: g);
        return (x, labels);
    }

    [Fact]
    public void Kmeans_separates_well_separated_blobs_perfectly()
    {
        using var g = new Generator(1);
        var (x, labels) = Blobs(100, 0.5, g);
        var clusters = KMeans.Cluster(x, 3, g);
        var c = new Contingency(labels.data<long>().ToArray(), clusters);
        Assert.Equal(1.0, c.MatchedAccuracy());
        Assert.Equal(1.0, c.AdjustedRandIndex(), 12);
    }

    [Fact]
    public void Probe_is_perfect_on_separable_data_and_at_chance_on_shuffled_labels()
    {
        using var g = new Generator(2);
        var (train, trainLabels) = Blobs(200, 0.5, g);
        var (test, testLabels) = Blobs(200, 0.5, g);
        Assert.Equal(1.0, LinearProbe.Accuracy(train, trainLabels, test, testLabels, 3));

        // Labels independent of the features: accuracy ≈ 1/3 (binomial sd over 600 items ≈ 0.019).
        var shuffledTrain = trainLabels.index_select(0, randperm(600, generator: g));
        var shuffledTest = testLabels.index_select(0, randperm(600, generator: g));
        var chance = LinearProbe.Accuracy(train, shuffledTrain, test, shuffledTest, 3);
        Assert.InRange(chance, 1.0 / 3 - 0.1, 1.0 / 3 + 0.1);
    }
}
