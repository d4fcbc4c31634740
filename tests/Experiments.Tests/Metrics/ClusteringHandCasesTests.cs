using ContrastiveOrleans.Experiments.Metrics;
using static TorchSharp.torch;

namespace ContrastiveOrleans.Experiments.Tests.Metrics;

public sealed class ClusteringHandCasesTests
{
    private static readonly long[] Truth = [0, 0, 1, 1];

    [Fact]
    public void Identical_partitions_up_to_renaming_score_one()
    {
        long[] a = [0, 0, 1, 1, 2, 2, 2];
        long[] b = [5, 5, 9, 9, 1, 1, 1];
        Assert.Equal(1.0, new Contingency(a, b).NormalizedMutualInformation(), 12);
    }

    [Fact]
    public void Independent_partitions_score_zero()
    {
        long[] predicted = [0, 1, 0, 1];
        Assert.Equal(0.0, new Contingency(Truth, predicted).NormalizedMutualInformation(), 12);
    }

    [Fact]
    public void Known_contingency_table_gives_the_hand_computed_value()
    {
        // Truth {0,0,1,1}, predicted {0,0,0,1}: cells (0,0)=2, (1,0)=1, (1,1)=1 of n=4.
        // H(U) = ln 2, H(V) = −(¾ ln ¾ + ¼ ln ¼),
        // I = ½ ln(½/(½·¾)) + ¼ ln(¼/(½·¾)) + ¼ ln(¼/(½·¼)) = ½ ln(4/3) + ¼ ln(2/3) + ¼ ln 2.
        long[] predicted = [0, 0, 0, 1];
        var hu = Math.Log(2);
        var hv = -(0.75 * Math.Log(0.75) + 0.25 * Math.Log(0.25));
        var mutual = 0.5 * Math.Log(4.0 / 3) + 0.25 * Math.Log(2.0 / 3) + 0.25 * Math.Log(2);
        var expected = mutual / ((hu + hv) / 2);
        Assert.Equal(0.3437, expected, 4);
        Assert.Equal(expected, new Contingency(Truth, predicted).NormalizedMutualInformation(), 12);
    }

    [Fact]
    public void KMeans_recovers_well_separated_blobs()
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(3);
        var centres = tensor(new double[] { 0, 0, 10, 0, 0, 10 }, 3, 2);
        var labels = arange(90, dtype: int64) % 3;
        var points = centres.index_select(0, labels) + 0.5 * randn(90, 2, dtype: float64, generator: generator);
        var clusters = KMeans.Cluster(points, 3, generator, restarts: 5);
        var truth = labels.data<long>().ToArray();
        Assert.Equal(1.0, new Contingency(truth, clusters).NormalizedMutualInformation(), 12);
    }

    [Fact]
    public void Probe_separates_separable_classes_and_scores_a_known_mistake()
    {
        using var scope = NewDisposeScope();
        // 1-D, class 0 below 0 and class 1 above; the test set has one point labelled against its side: 3/4.
        var trainX = tensor(new double[] { -2, -1.5, -1, -0.5, 0.5, 1, 1.5, 2 }, 8, 1);
        var trainY = tensor(new long[] { 0, 0, 0, 0, 1, 1, 1, 1 });
        var testX = tensor(new double[] { -1.2, 1.2, 0.8, -0.9 }, 4, 1);
        Assert.Equal(1.0, LinearProbe.Accuracy(trainX, trainY, testX, tensor(new long[] { 0, 1, 1, 0 }), 2), 12);
        Assert.Equal(0.75, LinearProbe.Accuracy(trainX, trainY, testX, tensor(new long[] { 0, 1, 1, 1 }), 2), 12);
    }
}
