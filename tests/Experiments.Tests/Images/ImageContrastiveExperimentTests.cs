using ContrastiveOrleans.Experiments.Abstractions;
using ContrastiveOrleans.Experiments.Images;

namespace ContrastiveOrleans.Experiments.Tests.Images;

/// <summary>image-contrastive on fixture images whose classes are visible bands: every method against what the data
/// makes true, and positives by augmentation never reading labels.</summary>
public sealed class ImageContrastiveExperimentTests : IDisposable
{
    private static readonly ImageContrastiveExperiment Experiment = new();
    private readonly string _dir = Directory.CreateTempSubdirectory("contrastive-image-exp-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static IReadOnlyDictionary<string, double> Run(string dir, params (string Name, object Value)[] given)
    {
        (string, object)[] all = [("data_dir", dir), ("pca_dims", 20L), ("epochs", 10L), ("batch", 64L), .. given];
        var (resolved, errors) = ExperimentCatalog.Resolve(Experiment, new ParameterSet(all.Select(p => KeyValuePair.Create(p.Item1, p.Item2))));
        Assert.Empty(errors);
        return Experiment.Run(new ExperimentContext(resolved, 3), TestContext.Current.CancellationToken);
    }

    [Theory]
    [InlineData("infonce")]
    [InlineData("lda")]
    public void Same_class_infonce_and_lda_recover_the_classes(string method)
    {
        var dir = Path.Combine(_dir, "bands");
        ImageFixtures.WriteBands(dir, 600, 300);
        var m = Run(dir, ("method", method), ("positives", "same-class"));
        // Each class lights its own two rows: a map onto those 9 contrasts separates the classes exactly.
        Assert.True(m["nmi"] > 0.95, $"{method} nmi {m["nmi"]}");
        Assert.True(m["probe_acc"] > 0.95, $"{method} probe {m["probe_acc"]}");
        Assert.All(PhaseClock.Metrics, k => Assert.True(m[k] >= 0));
    }

    [Fact]
    public void Augment_positives_never_read_labels()
    {
        var a = Path.Combine(_dir, "a");
        var b = Path.Combine(_dir, "b");
        ImageFixtures.WriteBands(a, 300, 100);
        ImageFixtures.WriteBands(b, 300, 100, relabel: i => (i * 7) % 10);   // same images, training labels scrambled
        var first = Run(a, ("method", "infonce"), ("positives", "augment"));
        var second = Run(b, ("method", "infonce"), ("positives", "augment"));
        // Training saw the same pairs, so the same loss to the bit; only label-based metrics (the probe) may differ.
        Assert.Equal(first["final_loss"], second["final_loss"]);
        Assert.Equal(first["nmi"], second["nmi"]);
    }

    [Fact]
    public void A_missing_dataset_fails_the_point_with_one_line_naming_the_path()
    {
        var e = Assert.Throws<ExperimentFailedException>(() => Run(Path.Combine(_dir, "none"), ("method", "pca")));
        Assert.Equal($"{Path.Combine(_dir, "none", "train-images-idx3-ubyte.gz")}: not found", e.Message);
    }

    [Theory]
    [InlineData("pca_dims", 900L, "pca_dims: 900 exceeds the 784 pixels of fashion-mnist")]
    [InlineData("n_train", 70000L, "n_train: 70000 exceeds the 60000 training images of fashion-mnist")]
    [InlineData("r", 60L, "r: 60 exceeds the 20 features (pca_dims)")]
    public void Impossible_sizes_are_refused_before_any_work(string name, object value, string message)
    {
        (string, object)[] all = [("pca_dims", 20L), (name, value)];
        var (_, errors) = ExperimentCatalog.Resolve(Experiment, new ParameterSet(all.GroupBy(p => p.Item1).Select(g => KeyValuePair.Create(g.Key, g.Last().Item2))));
        Assert.Contains(errors, e => e.StartsWith(message, StringComparison.Ordinal));
    }
}
