using ContrastiveOrleans.Experiments.Images;
using static TorchSharp.torch;

namespace ContrastiveOrleans.Experiments.Tests.Images;

/// <summary>Standardised PCA features against what PCA is: uncorrelated columns of decreasing variance whose full set
/// keeps every standardised image's length.</summary>
public sealed class ImageFeaturesTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("contrastive-features-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Pca_features_are_uncorrelated_with_decreasing_variance_and_cached_per_process()
    {
        ImageFixtures.WriteBands(_dir, 900, 100);
        var features = ImageFeatures.For(ImageDatasets.FashionMnist, _dir, 30, out var computed);
        Assert.True(computed);
        Assert.Same(features, ImageFeatures.For(ImageDatasets.FashionMnist, _dir, 30, out computed));
        Assert.False(computed);
        using var scope = NewDisposeScope();
        var x = features.TrainRows(arange(900)).to_type(float64);
        Assert.True(x.mean([0]).abs().max().item<double>() < 1e-4);
        var covariance = x.T.matmul(x) / 899;
        var variances = covariance.diagonal();
        var offDiagonal = (covariance - diag(variances)).abs().max().item<double>();
        Assert.True(offDiagonal < 1e-3 * variances[0].item<double>(), $"off-diagonal {offDiagonal}");
        var v = variances.data<double>().ToArray();
        for (var i = 1; i < v.Length; i++) Assert.True(v[i] <= v[i - 1] * (1 + 1e-4), $"variance {i}: {v[i]} > {v[i - 1]}");
        // 784 standardised pixels, each of variance 1 (population) → total variance 784·900/899; the top 30
        // components hold part of it, the band contrasts (9 of them) most.
        Assert.InRange(v.Sum(), 0.2 * 784, 784 * 900.0 / 899);
    }

    [Fact]
    public void Without_pca_features_are_the_standardised_pixels()
    {
        ImageFixtures.WriteBands(_dir, 200, 50);
        var features = ImageFeatures.For(ImageDatasets.FashionMnist, _dir, 0, out _);
        Assert.Equal(784, features.Dimensions);
        // Pixel 0 of image 0: (p/255 − mean)/std over the 200 training images, computed here from the bytes.
        var column = Enumerable.Range(0, 200).Select(i => features.Train.Pixels[i * 784] / 255.0).ToArray();
        var mean = column.Average();
        var std = Math.Sqrt(column.Select(p => (p - mean) * (p - mean)).Average());
        Assert.Equal((column[0] - mean) / std, features.TrainFeatures[0], 4);
    }
}
