using ContrastiveOrleans.Experiments.Tests.Conformal;

namespace ContrastiveOrleans.Experiments.Tests.Images;

/// <summary>conformal-sets on image embeddings (fixture images with visible class bands): the split-conformal
/// guarantee holds for augmentation and same-class positives, and well-separated classes are excluded.</summary>
public sealed class ImageConformalTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("contrastive-image-conformal-").FullName;

    public ImageConformalTests() => ImageFixtures.WriteBands(_dir, 600, 600);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private Dictionary<string, object> Given(string kind, string set, string embedding) => new()
    {
        ["data"] = "fashion-mnist",
        ["data_dir"] = _dir,
        ["pca_dims"] = 20L,
        ["dim"] = 9L,
        ["embedding"] = embedding,
        ["positive_kind"] = kind,
        ["set"] = set,
        ["points_per_cluster"] = 60L,
        ["positives"] = 8L,
        ["negatives"] = 8L,
        ["epochs"] = 2L,
        ["alpha"] = 0.1,
        ["calibration_unit"] = "anchor",
    };

    [Theory]
    [InlineData("augment", "ball", "pca")]
    [InlineData("augment", "multi-norm", "lda")]
    [InlineData("same-class", "ball", "lda")]
    [InlineData("same-class", "mahalanobis", "infonce")]
    public void Coverage_meets_the_target_and_other_classes_are_excluded(string kind, string set, string embedding)
    {
        // 600 points: 360 train the shape, 120 calibrate (one score each), 120 test with 8 positives each. Over seeds
        // the mean coverage is k/(n+1) = 109/121 = 0.90; one seed's lies within a few points of it.
        var coverages = new List<double>();
        for (var seed = 0; seed < 4; seed++)
        {
            var m = ConformalRuns.Run(Given(kind, set, embedding), seed);
            coverages.Add(m["coverage"]);
            Assert.Equal(120, m["test_anchors"]);
            // Same-class positives are other images of the class, whose band sits apart from every other class's. (A
            // 2-pixel shift moves a band onto the next class's rows, so augmentations of these fixtures overlap.)
            if (kind == "same-class") Assert.True(m["exclusion"] > 0.8, $"{kind}/{set}/{embedding} seed {seed}: exclusion {m["exclusion"]}");
        }
        Assert.InRange(coverages.Average(), 0.8, 0.98);
    }

    [Fact]
    public void Image_sizes_are_checked_before_any_work()
    {
        var given = Given("augment", "ball", "pca");
        given["points_per_cluster"] = 2000L;
        Assert.Contains(ConformalRuns.Errors(given), e => e.StartsWith("points_per_cluster: 2000 exceeds the 1000 test images per class of fashion-mnist", StringComparison.Ordinal));
        given = Given("augment", "ball", "pca");
        given["dim"] = 30L;
        Assert.Contains(ConformalRuns.Errors(given), e => e.StartsWith("dim: 30 exceeds pca_dims = 20", StringComparison.Ordinal));
    }
}
