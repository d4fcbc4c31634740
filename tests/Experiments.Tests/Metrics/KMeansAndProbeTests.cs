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

    /// <summary>Four overlapping blobs: Lloyd needs many iterations and restarts end in different local optima.</summary>
    private static Tensor Overlapping(Generator g)
    {
        var centres = tensor(new double[] { 0, 0, 2, 0, 0, 2, 2, 2 }, 4, 2);
        var labels = arange(4, dtype: int64).repeat_interleave(250);
        return centres.index_select(0, labels) + 1.2 * randn(1000, 2, dtype: float64, generator: g);
    }

    private static double Inertia(double[] x, long[] clusters, int k, out double[] means)
    {
        means = new double[2 * k];
        var counts = new int[k];
        for (var i = 0; i < clusters.Length; i++)
        {
            counts[clusters[i]]++;
            means[2 * clusters[i]] += x[2 * i];
            means[2 * clusters[i] + 1] += x[2 * i + 1];
        }
        for (var c = 0; c < k; c++) { means[2 * c] /= counts[c]; means[2 * c + 1] /= counts[c]; }
        var inertia = 0.0;
        for (var i = 0; i < clusters.Length; i++)
            inertia += Math.Pow(x[2 * i] - means[2 * clusters[i]], 2) + Math.Pow(x[2 * i + 1] - means[2 * clusters[i] + 1], 2);
        return inertia;
    }

    [Fact]
    public void Kmeans_ends_at_a_Lloyd_fixed_point_every_point_nearest_its_own_clusters_mean()
    {
        using var g = new Generator(5);
        var x = Overlapping(g);
        var clusters = KMeans.Cluster(x, 4, g, restarts: 5);
        var xs = x.data<double>().ToArray();
        Inertia(xs, clusters, 4, out var means);
        for (var i = 0; i < clusters.Length; i++)
        {
            var own = Math.Pow(xs[2 * i] - means[2 * clusters[i]], 2) + Math.Pow(xs[2 * i + 1] - means[2 * clusters[i] + 1], 2);
            for (var c = 0; c < 4; c++)
                Assert.True(own <= Math.Pow(xs[2 * i] - means[2 * c], 2) + Math.Pow(xs[2 * i + 1] - means[2 * c + 1], 2) + 1e-9, $"point {i} is nearer cluster {c}");
        }
    }

    [Fact]
    public void Batched_restarts_include_the_single_restart_run_so_their_inertia_is_never_higher()
    {
        // Restart 0 draws its seeds first, exactly as a one-restart run from the same generator state: running the
        // others beside it must not change where it ends, so the best of five can only be as good or better.
        var x = Overlapping(new Generator(6));
        var xs = x.data<double>().ToArray();
        for (ulong seed = 0; seed < 8; seed++)
        {
            var one = Inertia(xs, KMeans.Cluster(x, 4, new Generator(seed), restarts: 1), 4, out _);
            var five = Inertia(xs, KMeans.Cluster(x, 4, new Generator(seed), restarts: 5), 4, out _);
            Assert.True(five <= one + 1e-9, $"seed {seed}: five restarts {five} > one {one}");
        }
    }
}

