using ContrastiveOrleans.Experiments.Conformal;
using static TorchSharp.torch;

namespace ContrastiveOrleans.Experiments.Tests.Conformal;

/// <summary>The simulation recipe's geometry and the GMM stand-in's shape, checked from their definitions.</summary>
public sealed class DataGeneratorTests
{
    [Fact]
    public void Sim_clusters_have_balanced_labels_and_anisotropic_clusters_centred_on_the_recipe_centres()
    {
        using var generator = new Generator(5);
        using var data = SimClusters.Generate(5, 2000, 4.0, 1.0, generator);
        Assert.Equal(new long[] { 10_000, 3 }, data.Points.shape);
        var labels = data.Labels.data<long>().ToArray();
        var points = data.Points.data<float>().ToArray();
        for (var c = 0; c < 5; c++) Assert.Equal(2000, labels.Count(l => l == c));

        // Clusters 0 and 1 are zero-mean Gaussians around (s cos a, s sin a, 0.3 s sin 2a), a = 2πc/5:
        // the sample mean is within 5 standard errors per coordinate.
        for (var c = 0; c < 2; c++)
        {
            var a = 2 * Math.PI * c / 5;
            double[] centre = [4 * Math.Cos(a), 4 * Math.Sin(a), 1.2 * Math.Sin(2 * a)];
            var members = Enumerable.Range(0, labels.Length).Where(i => labels[i] == c).ToArray();
            for (var j = 0; j < 3; j++)
            {
                var values = members.Select(i => (double)points[i * 3 + j]).ToArray();
                var mean = values.Average();
                var sd = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1));
                Assert.InRange(mean, centre[j] - 5 * sd / Math.Sqrt(values.Length), centre[j] + 5 * sd / Math.Sqrt(values.Length));
            }
        }
    }

    [Fact]
    public void Crescents_lie_about_one_unit_from_their_centre()
    {
        // Radius 1 + 0.3ε in a rotated plane plus 0.5ε height and 0.2ε jitter: mean squared distance to the centre is
        // E[r²] + 0.25 + 3 · 0.04 = 1.09 + 0.37 = 1.46 (rotation preserves distances).
        using var generator = new Generator(6);
        using var data = SimClusters.Generate(5, 4000, 4.0, 1.0, generator);
        var labels = data.Labels.data<long>().ToArray();
        var points = data.Points.data<float>().ToArray();
        var a = 2 * Math.PI * 3 / 5;
        double[] centre = [4 * Math.Cos(a), 4 * Math.Sin(a), 1.2 * Math.Sin(2 * a)];
        var squared = Enumerable.Range(0, labels.Length).Where(i => labels[i] == 3)
            .Select(i => Enumerable.Range(0, 3).Sum(j => Math.Pow(points[i * 3 + j] - centre[j], 2))).ToArray();
        Assert.InRange(squared.Average(), 1.46 - 0.06, 1.46 + 0.06);
    }

    [Fact]
    public void Gmm_embeddings_have_the_requested_dimension_and_separate_the_components()
    {
        using var generator = new Generator(7);
        using var data = GmmEmbeddings.Generate(dim: 6, clusters: 4, perCluster: 500, separation: 4, std: 1, generator,
            TestContext.Current.CancellationToken);
        Assert.Equal(new long[] { 2000, 6 }, data.Points.shape);
        // Separation 4 in Fisher space is nearly linearly separable: nearest class mean (estimated on one half,
        // scored on the other) must classify almost every point when InfoNCE found that subspace.
        var half = data.Count / 2;
        var fit = data.Slice(0, half);
        var held = data.Slice(half, data.Count - half);
        var means = stack(Enumerable.Range(0, 4).Select(c => fit.Points[fit.Labels.eq(c)].mean([0L])).ToArray());
        var predicted = cdist(held.Points, means).argmin(1);
        var accuracy = predicted.eq(held.Labels).to_type(ScalarType.Float64).mean().item<double>();
        Assert.True(accuracy > 0.95, $"nearest-mean accuracy {accuracy}");
    }
}
