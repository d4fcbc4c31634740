using ContrastiveOrleans.Experiments.Abstractions;
using ContrastiveOrleans.Experiments.Metrics;
using ContrastiveOrleans.Experiments.Training;
using static TorchSharp.torch;

namespace ContrastiveOrleans.Experiments.Images;

/// <summary>
/// Paper 1 on real images: a linear map of standardised, PCA-reduced pixels learned by InfoNCE on positive pairs
/// (same-class partners with noise δ, or augmentations of the anchor with no labels), against LDA (labels, shrinkage),
/// PCA and a random map, scored by k-means on the projected test split (NMI, ARI, matched accuracy) and a linear probe.
/// </summary>
public sealed class ImageContrastiveExperiment : IExperiment
{
    public static readonly string[] MethodNames = ["infonce", "lda", "pca", "random"];

    private static readonly string[] Training = ["epochs", "batch", "lr", "optimizer", "temperature", "normalize", "schedule", "positives", "noise", "shift", "flip", "pixel_noise"];
    private static readonly string[] Augmentation = ["shift", "flip", "pixel_noise"];

    public string Name => "image-contrastive";

    // v3: the probe by L-BFGS (to its minimiser, or 300 iterations), was 300 Adam steps; k-means++ draws by inverse
    // CDF, restarts batched. (v2 never left a development checkout.)
    public string Version => "3";

    public string Description => "InfoNCE vs LDA vs PCA linear maps of real images (Fashion-MNIST, CIFAR-10/100): clustering and probe metrics.";

    public IReadOnlyList<ParameterSpec> Parameters { get; } =
    [
        new("dataset", ParameterKind.Text, ImageDatasets.FashionMnist, "Image dataset.", Allowed: ImageDatasets.All),
        new("data_dir", ParameterKind.Text, "", $"Directory of the dataset's files (empty: {ImageDatasets.FashionMnistDirectory} for fashion-mnist, /usr/share/datasets/cifar-10 or -100)."),
        new("pca_dims", ParameterKind.Integer, 50L, "Principal components of the standardised training pixels kept as features (0: every pixel).", Min: 0, Max: 3072),
        new("r", ParameterKind.Integer, 9L, "Rows of the learned map (classes − 1 holds the Fisher subspace).", Min: 1, Max: 3072),
        new("method", ParameterKind.Text, "infonce", "Method that produces the map.", Allowed: MethodNames),
        new("positives", ParameterKind.Text, ImagePositives.SameClass, "InfoNCE positives: another image of the class (noise δ), or augmentations of the anchor (no labels).", Allowed: ImagePositives.All),
        new("noise", ParameterKind.Number, 0.0, "same-class: δ, probability that a partner is a random training image instead.", Min: 0, Max: 1),
        new("shift", ParameterKind.Integer, 2L, "augment: largest shift in pixels, each direction.", Min: 0, Max: 16),
        new("flip", ParameterKind.Boolean, true, "augment: mirror images with probability 1/2."),
        new("pixel_noise", ParameterKind.Number, 0.1, "augment: standard deviation of Gaussian noise on [0, 1] pixels.", Min: 0, Max: 10),
        new("n_train", ParameterKind.Integer, 0L, "Training images used, a random subset (0: all).", Min: 0, Max: 10_000_000),
        new("epochs", ParameterKind.Integer, 20L, "Passes over the training pairs.", Min: 1, Max: 100_000),
        new("batch", ParameterKind.Integer, 256L, "Pairs per step; the other pairs of a batch are the negatives.", Min: 2, Max: 1_000_000),
        new("lr", ParameterKind.Number, 0.01, "Learning rate.", Min: 0, MinExclusive: true),
        new("optimizer", ParameterKind.Text, "adam", "Optimizer of the learned map.", Allowed: ["adam", "sgd"]),
        new("temperature", ParameterKind.Number, 0.5, "τ of InfoNCE.", Min: 0, MinExclusive: true),
        new("normalize", ParameterKind.Boolean, false, "Cosine similarity (unit-normalised outputs) instead of inner product."),
        new("schedule", ParameterKind.Text, "cosine", "Learning-rate schedule: cosine annealing to 0, or constant.", Allowed: ["cosine", "constant"]),
        new("lda_shrinkage", ParameterKind.Text, "auto", "lda: Ledoit–Wolf shrinkage of the class covariances (scikit-learn's shrinkage='auto'), or none.", Allowed: ["auto", "none"]),
    ];

    public IReadOnlyList<string> Metrics { get; } = [.. ClusteringMetrics.Names, "final_loss", .. PhaseClock.Metrics];

    public IReadOnlyCollection<string> IgnoredParameters(ParameterSet parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var method = parameters.GetString("method");
        List<string> ignored = method == "infonce" ? [] : [.. Training];
        if (method == "infonce") ignored.AddRange(parameters.GetString("positives") == ImagePositives.Augment ? ["noise"] : Augmentation);
        if (method != "lda") ignored.Add("lda_shrinkage");
        return ignored;
    }

    public IReadOnlyList<string> ValidateCombination(ParameterSet parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var errors = new List<string>();
        var (train, _, pixels, classes) = ImageDatasets.Shape(parameters.GetString("dataset"));
        long pca = parameters.GetInt("pca_dims"), r = parameters.GetInt("r"), n = parameters.GetInt("n_train");
        var dims = pca > 0 ? pca : pixels;
        if (pca > pixels) errors.Add($"pca_dims: {pca} exceeds the {pixels} pixels of {parameters.GetString("dataset")}; allowed: 0..{pixels}");
        if (r > dims) errors.Add($"r: {r} exceeds the {dims} features (pca_dims); allowed: 1..{dims}");
        if (n > train) errors.Add($"n_train: {n} exceeds the {train} training images of {parameters.GetString("dataset")}; allowed: 0 (all)..{train}");
        var used = n == 0 ? train : n;
        if (used < classes * 2) errors.Add($"n_train: {n} leaves fewer than two images per class; use 0 (all) or at least {classes * 2}");
        if (parameters.GetString("method") == "infonce" && parameters.GetInt("batch") > used) errors.Add($"batch: {parameters.GetInt("batch")} exceeds the {used} training pairs");
        return errors;
    }

    /// <summary>The process-wide dataset (pixels and features) counted once per point as a bound, the point's pairs,
    /// a batch's logits and the evaluation's distances.</summary>
    public MemoryEstimate EstimateMemory(ParameterSet parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var shape = ImageDatasets.Shape(parameters.GetString("dataset"));
        var pca = (int)parameters.GetInt("pca_dims");
        double dims = pca > 0 ? pca : shape.Pixels, n = parameters.GetInt("n_train") is var m and > 0 ? m : shape.Train;
        double b = parameters.GetInt("batch");
        return MemoryEstimate.Sum(
            (shape.DatasetBytes(pca), ["dataset", "pca_dims"]),
            (4.0 * 4 * n * dims, ["n_train", "pca_dims"]),
            (4.0 * 6 * b * b, ["batch"]),
            (4.0 * 2 * ImageAugment.Chunk * shape.Pixels * 4, ["dataset"]));
    }

    public IReadOnlyDictionary<string, double> Run(ExperimentContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var p = context.Parameters;
        var phases = new PhaseClock();
        using var run = TorchRun.Start(context);
        var (device, data, model) = (run.Device, run.Data, run.Model);
        ImageFeatures features;
        try
        {
            features = ImageFeatures.For(p.GetString("dataset"), p.GetString("data_dir"), (int)p.GetInt("pca_dims"), out _);
        }
        catch (ImageDataException e)
        {
            throw new ExperimentFailedException(e.Message);
        }
        var classes = features.Train.Classes;
        var (subset, labels, x) = ImageMaps.Sample(features, p.GetInt("n_train"), data);
        var method = p.GetString("method");
        var training = TrainingOf(p, (int)p.GetInt("r"));
        // The pairs are drawn inside Fit: the data phase ends at the features (and the subset) for every method.
        phases.Lap("data");
        var (map, finalLoss) = ImageMaps.Fit(method, features, subset, labels, x, (int)p.GetInt("r"), training, data, model, device, context.Progress, cancellationToken);
        var metrics = new Dictionary<string, double>(StringComparer.Ordinal);
        if (finalLoss is { } loss) metrics["final_loss"] = loss;
        cancellationToken.ThrowIfCancellationRequested();
        phases.Lap("train");
        var projection = map.to_type(float32);
        var testLabels = tensor(features.Test.Labels, dtype: ScalarType.Byte).to_type(int64);
        ClusteringMetrics.Add(metrics, x.matmul(projection.T), labels, features.TestRows().matmul(projection.T), testLabels, classes, run.Evaluation);
        phases.Lap("eval");
        phases.AddTo(metrics);
        return metrics;
    }

    /// <summary>The InfoNCE options, positives and augmentation a point's parameters give.</summary>
    public static ImageMaps.Training TrainingOf(ParameterSet p, int r)
    {
        ArgumentNullException.ThrowIfNull(p);
        var options = new InfoNceOptions(r, (int)p.GetInt("epochs"), (int)p.GetInt("batch"), p.GetDouble("lr"), p.GetString("optimizer"),
            p.GetDouble("temperature"), p.GetBool("normalize"), Schedule: p.GetString("schedule"));
        var augment = new ImageAugment((int)p.GetInt("shift"), p.GetBool("flip") && ImageDatasets.Flips(p.GetString("dataset")), p.GetDouble("pixel_noise"));
        return new ImageMaps.Training(options, p.GetString("positives"), p.GetDouble("noise"), augment, p.GetString("lda_shrinkage"));
    }
}
