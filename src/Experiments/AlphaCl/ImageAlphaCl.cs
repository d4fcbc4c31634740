using ContrastiveOrleans.Experiments.Abstractions;
using ContrastiveOrleans.Experiments.Images;
using ContrastiveOrleans.Experiments.Metrics;
using static TorchSharp.torch;

namespace ContrastiveOrleans.Experiments.AlphaCl;

/// <summary>
/// alpha-cl on real images (paper 2's own setting, at LeNet size): the <see cref="ConvEncoder"/> trained from two
/// augmented views per image with one of the losses, or (encoder `pixels`) no network at all, the baseline a learned
/// representation must beat. Both are scored the same way on the representation h (the backbone's output, or the
/// standardised pixels): a linear probe fitted on every training image and scored on the 10,000 test images, and
/// NMI of k-means (on unit-normalised h) over the test images.
/// </summary>
public static class ImageAlphaCl
{
    /// <summary>The encoder that trains nothing: the probe and k-means read the standardised pixels.</summary>
    public const string Pixels = "pixels";

    /// <summary>The convolutional encoder.</summary>
    public const string Cnn = "cnn";

    public static Dictionary<string, double> Run(ParameterSet p, TorchRun run, PhaseClock phases, IProgress<TrainingProgress>? progress, int restarts,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(phases);
        var dataset = p.GetString("data");
        ImageSet train, test;
        try
        {
            (train, test) = ImageDatasets.Load(dataset, p.GetString("data_dir"));
        }
        catch (ImageDataException e)
        {
            throw new ExperimentFailedException(e.Message);
        }
        var augment = new ImageAugment((int)p.GetInt("shift"), p.GetBool("flip") && ImageDatasets.Flips(dataset), p.GetDouble("pixel_noise"), p.GetDouble("crop_scale"));
        using var trainViews = new ImageViews(train, train, augment, run.Device);
        using var testViews = new ImageViews(test, train, augment, run.Device);
        var n = p.GetInt("n_train");
        var subset = n >= train.Count ? arange(train.Count, dtype: int64) : randperm(train.Count, generator: run.Data)[..(int)n];
        phases.Lap("data");

        var metrics = new Dictionary<string, double>(StringComparer.Ordinal);
        Tensor h, hTest;
        if (p.GetString("encoder") == Pixels)
        {
            phases.Lap("train");
            h = trainViews.Map(x => x.flatten(1));
            hTest = testViews.Map(x => x.flatten(1));
        }
        else
        {
            using var encoder = ConvEncoder.Create(train.Channels, (int)p.GetInt("channels"), (int)p.GetInt("width"), run.Model, run.Device, float32, (int)p.GetInt("pool"));
            var loss = new AlphaLossOptions(p.GetString("loss"), p.GetDouble("p"), p.GetDouble("power"), p.GetDouble("temperature"), p.GetDouble("alpha_eps"),
                p.GetDouble("alpha_exponent"));
            loss.Validate();
            var training = new TrainingOptions((int)p.GetInt("epochs"), (int)p.GetInt("batch"), p.GetDouble("lr"));
            metrics["final_loss"] = ConvContrastiveTrainer.Train(encoder, trainViews, subset, loss, training, p.GetString("optimizer"), p.GetString("schedule"),
                run.Data, run.Model, progress, cancellationToken);
            phases.Lap("train");
            cancellationToken.ThrowIfCancellationRequested();
            h = trainViews.Map(encoder.Backbone);
            hTest = testViews.Map(encoder.Backbone);
        }
        cancellationToken.ThrowIfCancellationRequested();
        using (var span = ExperimentTracing.Evaluate("representation"))
        {
            var testLabels = testViews.Labels();
            metrics["probe_acc"] = LinearProbe.Accuracy(h.cpu(), trainViews.Labels(), hTest.cpu(), testLabels, train.Classes);
            var clusters = KMeans.Cluster(nn.functional.normalize(hTest, dim: 1), train.Classes, run.Evaluation, restarts);
            metrics["nmi"] = new Contingency(testLabels.data<long>().ToArray(), clusters).NormalizedMutualInformation();
        }
        phases.Lap("eval");
        return metrics;
    }
}
