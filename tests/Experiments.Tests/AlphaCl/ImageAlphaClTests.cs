using ContrastiveOrleans.Experiments.Abstractions;
using ContrastiveOrleans.Experiments.AlphaCl;
using ContrastiveOrleans.Experiments.Images;
using ContrastiveOrleans.Experiments.Tests.Images;
using static TorchSharp.torch;

namespace ContrastiveOrleans.Experiments.Tests.AlphaCl;

/// <summary>alpha-cl on images: the CNN's gradient, the views, the per-channel moments, and the experiment on fixture
/// images whose classes are visible bands.</summary>
public sealed class ImageAlphaClTests : IDisposable
{
    private static readonly AlphaClExperiment Experiment = new();

    private readonly string _dir = Directory.CreateTempSubdirectory("contrastive-alpha-images-").FullName;

    public ImageAlphaClTests() => ImageFixtures.WriteBands(_dir, train: 200, test: 100);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(6)]
    [InlineData(8)]
    public void The_cnn_loss_gradient_matches_central_finite_differences(int parameterIndex)
    {
        // Float64 on 4 tiny images (2 anchors, 2 partners) of 2 channels, 9×9: NT-Xent of the projections.
        using var scope = NewDisposeScope();
        using var generator = new Generator(21);
        using var encoder = ConvEncoder.Create(inputChannels: 2, channels: 2, width: 3, generator, CPU, float64);
        // Non-zero biases, so the test sees their gradient pass through every layer too.
        using (no_grad())
        {
            foreach (var bias in encoder.Parameters.Where(p => p.dim() == 1)) bias.copy_(randn(bias.shape, dtype: float64, generator: generator) * 0.1);
        }
        var images = randn([4, 2, 9, 9], dtype: float64, generator: generator);
        using var geometry = new PairGeometry(2, CPU);
        var options = new AlphaLossOptions(AlphaLossOptions.NtXent, Temperature: 0.5);
        double Loss() => ContrastiveLoss.Compute(encoder.Forward(images), geometry, options).item<double>();

        var parameter = encoder.Parameters[parameterIndex];
        parameter.grad?.zero_();
        ContrastiveLoss.Compute(encoder.Forward(images), geometry, options).backward();
        var analytic = parameter.grad!.flatten().data<double>().ToArray();
        var flat = parameter.detach().view(-1);
        const double h = 1e-6;
        for (var i = 0; i < Math.Min(analytic.Length, 12); i++)
        {
            double plus, minus;
            using (no_grad())
            {
                var original = flat[i].item<double>();
                flat[i] = original + h;
                plus = Loss();
                flat[i] = original - h;
                minus = Loss();
                flat[i] = original;
            }
            var numeric = (plus - minus) / (2 * h);
            Assert.True(Math.Abs(numeric - analytic[i]) <= 1e-6 + (1e-5 * Math.Abs(numeric)),
                $"parameter {parameterIndex}[{i}]: analytic {analytic[i]}, finite differences {numeric}");
        }
    }

    [Fact]
    public void Views_are_seeded_differ_from_each_other_and_never_read_labels()
    {
        using var scope = NewDisposeScope();
        var (train, _) = ImageDatasets.Load(ImageDatasets.FashionMnist, _dir);
        // The same images with every label changed: views must not move.
        var relabelled = train with { Labels = [.. train.Labels.Select(l => (byte)((l + 3) % 10))] };
        var augment = new ImageAugment(Shift: 1, Flip: true, PixelNoise: 0.1, CropScale: 0.5);
        using var views = new ImageViews(train, train, augment, CPU);
        using var other = new ImageViews(relabelled, train, augment, CPU);
        var index = arange(0, 16, dtype: int64);
        var (a1, a2) = views.Views(index, new Generator(5));
        var (b1, b2) = views.Views(index, new Generator(5));
        var (c1, _) = views.Views(index, new Generator(6));
        var (r1, r2) = other.Views(index, new Generator(5));
        Assert.True(Same(a1, b1) && Same(a2, b2), "the same seed gives the same views");
        Assert.True(Same(a1, r1) && Same(a2, r2), "labels change nothing");
        Assert.False(Same(a1, c1), "another seed gives other views");
        Assert.False(Same(a1, a2), "the two views of an image differ");
        Assert.Equal([16L, 1, 28, 28], a1.shape);
    }

    [Fact]
    public void A_resized_crop_stays_inside_the_image_so_a_constant_image_stays_constant_and_a_ramp_stays_monotone()
    {
        using var scope = NewDisposeScope();
        // Crops cover at least a quarter of the area (side ≥ ½) and lie inside the image: bilinear samples of a
        // constant image are that constant (no zero padding enters), and of a left-to-right ramp still increase.
        var crop = new ImageAugment(Shift: 0, Flip: false, PixelNoise: 0, CropScale: 0.25);
        var constant = full([32, 1, 12, 12], 0.7f);
        var cropped = crop.Apply(constant, new Generator(9));
        Assert.True((cropped - 0.7f).abs().max().item<float>() < 1e-5f);
        var ramp = arange(12, dtype: float32).view(1, 1, 1, 12).expand(32, 1, 12, 12).contiguous();
        var rampCropped = crop.Apply(ramp, new Generator(9));
        Assert.True((rampCropped[.., .., .., 1..] - rampCropped[.., .., .., ..^1]).min().item<float>() > 0);
        Assert.True(rampCropped.min().item<float>() >= 0 && rampCropped.max().item<float>() <= 11);
    }

    [Fact]
    public void Per_channel_moments_from_byte_histograms_equal_the_direct_float64_moments()
    {
        var random = new Random(3);
        var pixels = new byte[5 * 3 * 4 * 4];
        random.NextBytes(pixels);
        var set = new ImageSet(pixels, new byte[5], 5, 3, 4, 4, 10);
        var (mean, std) = ImageViews.Moments(set);
        for (var c = 0; c < 3; c++)
        {
            var values = new List<double>();
            for (var i = 0; i < 5; i++)
            {
                for (var j = 0; j < 16; j++) values.Add(pixels[(((i * 3) + c) * 16) + j] / 255.0);
            }
            var m = values.Average();
            Assert.Equal(m, mean[c], 6);
            Assert.Equal(Math.Sqrt(values.Average(v => (v - m) * (v - m))), std[c], 6);
        }
    }

    [Fact]
    public void The_pixel_baseline_separates_visible_classes_and_cnn_training_lowers_the_loss_deterministically()
    {
        var epochs = new List<double>();
        var cnn = Run(seed: 1, new Progress(epochs), ("encoder", "cnn"), ("epochs", 6L), ("crop_scale", 1.0), ("shift", 2L));
        var again = Run(seed: 1, null, ("encoder", "cnn"), ("epochs", 6L), ("crop_scale", 1.0), ("shift", 2L));
        var pixels = Run(seed: 1, null, ("encoder", "pixels"));
        foreach (var (name, value) in cnn.Where(kv => !kv.Key.EndsWith("_ms", StringComparison.Ordinal))) Assert.Equal(value, again[name]);
        Assert.DoesNotContain("final_loss", pixels.Keys);
        // Each class lights its own two rows: a linear probe on the pixels reads the class off them exactly. (The CNN
        // pools globally, so row position is what it cannot see: its probe is only checked to be a probability.)
        Assert.Equal(1.0, pixels["probe_acc"]);
        Assert.InRange(cnn["probe_acc"], 0.0, 1.0);
        Assert.InRange(cnn["nmi"], 0.0, 1.0);
        // One epoch_loss per epoch in the learning curve, and training lowers it.
        Assert.Equal(6, epochs.Count);
        Assert.True(epochs[^1] < epochs[0] - 0.1, $"epoch losses {string.Join(", ", epochs)}");
    }

    /// <summary>Collects the epoch_loss of each evaluation report, synchronously.</summary>
    private sealed class Progress(List<double> epochs) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value)
        {
            if (value.Metrics?.TryGetValue("epoch_loss", out var loss) == true) epochs.Add(loss);
        }
    }

    [Fact]
    public void Changing_only_ignored_parameters_gives_the_same_numbers_on_images()
    {
        foreach (var (point, changes) in new (string Encoder, (string, object)[] Changes)[]
        {
            ("cnn", [("d", 5L), ("k", 7L), ("condition", 2.0), ("noise", 0.3), ("n_test", 50L), ("depth", 3L), ("fixed_steps", 5L), ("inits", 4L), ("p", 1.5)]),
            ("pixels", [("loss", "alpha-exp"), ("epochs", 3L), ("lr", 0.5), ("shift", 1L), ("channels", 3L), ("width", 2L), ("n_train", 40L), ("batch", 8L)]),
        })
        {
            var parameters = Resolve(("encoder", point));
            var changed = Resolve([("encoder", point), .. changes]);
            var ignored = Experiment.IgnoredParameters(parameters);
            Assert.All(changes, c => Assert.Contains(c.Item1, ignored));
            Assert.Equal(ignored.Order(), Experiment.IgnoredParameters(changed).Order());
            Assert.Equal(Numbers(Experiment.Run(new ExperimentContext(parameters, 2), TestContext.Current.CancellationToken)),
                Numbers(Experiment.Run(new ExperimentContext(changed, 2), TestContext.Current.CancellationToken)));
        }
    }

    [Theory]
    [InlineData("""{"data":"fashion-mnist","encoder":"deep-linear"}""", "encoder: 'deep-linear' reads GMM vectors")]
    [InlineData("""{"encoder":"cnn"}""", "encoder: 'cnn' reads images")]
    [InlineData("""{"data":"fashion-mnist","encoder":"cnn","fixed_alpha":true}""", "fixed_alpha: ")]
    [InlineData("""{"data":"fashion-mnist","encoder":"cnn","n_train":70000}""", "n_train: 70000 exceeds the 60000 training images")]
    [InlineData("""{"data":"mnist"}""", "data: ")]
    public void Bad_combinations_are_refused_with_the_field_named(string json, string start)
    {
        var (_, errors) = ExperimentCatalog.Resolve(Experiment, ParameterSet.FromJson(json));
        Assert.StartsWith(start, Assert.Single(errors), StringComparison.Ordinal);
    }

    private static bool Same(Tensor a, Tensor b) => a.eq(b).all().item<bool>();

    private ParameterSet Resolve(params (string Name, object Value)[] overrides)
    {
        var given = new Dictionary<string, object>
        {
            ["data"] = ImageDatasets.FashionMnist, ["data_dir"] = _dir, ["n_train"] = 64L, ["epochs"] = 2L, ["batch"] = 16L, ["channels"] = 2L,
            ["width"] = 4L, ["lr"] = 0.01, ["loss"] = AlphaLossOptions.NtXent,
        };
        foreach (var (name, value) in overrides) given[name] = value;
        var (resolved, errors) = ExperimentCatalog.Resolve(Experiment, new ParameterSet(given));
        Assert.Empty(errors);
        return resolved;
    }

    private IReadOnlyDictionary<string, double> Run(int seed, IProgress<TrainingProgress>? progress, params (string Name, object Value)[] overrides) =>
        Experiment.Run(new ExperimentContext(Resolve(overrides), seed, Progress: progress), TestContext.Current.CancellationToken);

    private static SortedDictionary<string, double> Numbers(IReadOnlyDictionary<string, double> metrics) =>
        new(metrics.Where(kv => !kv.Key.EndsWith("_ms", StringComparison.Ordinal)).ToDictionary(kv => kv.Key, kv => kv.Value), StringComparer.Ordinal);
}
