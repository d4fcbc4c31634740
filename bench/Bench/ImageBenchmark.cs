using System.Diagnostics;
using ContrastiveOrleans.Experiments.Abstractions;
using ContrastiveOrleans.Experiments.Images;

namespace ContrastiveOrleans.Bench;

/// <summary>
/// Fashion-MNIST, paper 1's image experiment: loading (decompress, parse, standardise, PCA to 50) against its 3 s
/// budget, one image-contrastive InfoNCE point on all 60,000 training images against its 2 minute budget, and a
/// second point in the same process, whose data phase shows the dataset is not read again.
/// </summary>
public static class ImageBenchmark
{
    public static bool Available => File.Exists(Path.Combine(ImageDatasets.FashionMnistDirectory, "train-images-idx3-ubyte.gz"));

    public static IEnumerable<Measurement> Run(int threads)
    {
        Devices.UseThreads(threads);
        var clock = Stopwatch.StartNew();
        var features = ImageFeatures.For(ImageDatasets.FashionMnist, "", 50, out var computed);
        var load = clock.Elapsed.TotalSeconds;
        yield return new Measurement("Fashion-MNIST load: decompress, parse, standardise, PCA to 50 (60,000 + 10,000 images)", "s", load, 3, "budget",
            "< 3 s", $"{(computed ? "computed in this process" : "was cached")}, {threads} thread(s)");

        var experiment = new ImageContrastiveExperiment();
        var (resolved, errors) = ExperimentCatalog.Resolve(experiment, new ParameterSet([new("method", "infonce")]));
        if (errors.Count > 0) throw new InvalidOperationException(string.Join("; ", errors));
        IReadOnlyDictionary<string, double> Point(int seed)
        {
            clock.Restart();
            var metrics = experiment.Run(new ExperimentContext(resolved, seed, Threads: threads), CancellationToken.None);
            return new Dictionary<string, double>(metrics) { ["wall_s"] = clock.Elapsed.TotalSeconds };
        }
        var first = Point(0);
        yield return new Measurement("image-contrastive InfoNCE point: Fashion-MNIST, all 60,000 images, pca_dims 50, 20 epochs", "s", first["wall_s"], 120, "budget",
            "< 2 min on 2 cores", string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"train {first["train_ms"] / 1000:F1} s, eval {first["eval_ms"] / 1000:F1} s, data {first["data_ms"] / 1000:F2} s (features cached by the load above); NMI {first["nmi"]:F3}; {threads} thread(s)"));
        var second = Point(1);
        yield return new Measurement("The next point's data phase in the same process (dataset read once per process)", "s", second["data_ms"] / 1000, load, "the load above",
            "≪ the load", $"{second["wall_s"]:F1} s for the whole point");
        _ = features;
    }
}
