using ContrastiveOrleans.Experiments.Abstractions;
using ContrastiveOrleans.Experiments.IO;
using ContrastiveOrleans.Experiments.Images;
using static TorchSharp.torch;

namespace ContrastiveOrleans.Experiments.Conformal;

/// <summary>
/// Paper 3 (Contrastive Conformal Sets): a set shape around each anchor, learned on a training split to exclude
/// negatives, with its threshold calibrated by exact split conformal prediction on a disjoint split so that a new
/// positive is covered with probability ≥ 1−α (see <see cref="CalibrationUnits"/> for what the guarantee is about).
/// </summary>
public sealed class ConformalSetsExperiment : IExperiment, IDataExporter, IConformalCoverage
{
    public static readonly string[] DataNames = ["sim-clusters", "gmm-embeddings", .. ImageDatasets.All];

    /// <summary>Parameters only image data reads.</summary>
    private static readonly string[] ImageOnly = ["data_dir", "pca_dims", "positive_kind"];

    public string Name => "conformal-sets";
    // v3: anchor_coverage and test_anchors (the exact split-conformal law's inputs); other numbers unchanged.
    public string Version => "3";

    public string CoverageMetric => "anchor_coverage";
    public string CalibrationCountMetric => "calibration_scores";
    public string TestCountMetric => "test_anchors";
    public string AlphaParameter => "alpha";
    public KeyValuePair<string, object> Exchangeable { get; } = new("calibration_unit", CalibrationUnits.Anchor);

    /// <summary>Knobs of learning a set's shape that a fixed shape (ball, Mahalanobis) never reads, and the embedding
    /// map outside gmm-embeddings (a test checks each gives the same numbers for any value).</summary>
    public static readonly string[] ShapeTraining = ["objective", "lambda", "epochs", "lr", "batch", "scale", "neg_form", "volume_formula", "patience", "p_min", "p_max"];

    public IReadOnlyCollection<string> IgnoredParameters(ParameterSet parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        List<string> ignored = parameters.GetString("set") is SetFamilies.Ball or SetFamilies.Mahalanobis ? [.. ShapeTraining] : [];
        var data = parameters.GetString("data");
        var image = ImageDatasets.All.Contains(data);
        if (data != "gmm-embeddings" && !image) ignored.Add("embedding");
        if (!image) ignored.AddRange(ImageOnly);
        // Image data takes its classes from the dataset and its geometry from the images.
        else ignored.AddRange(["clusters", "separation", "std"]);
        if (parameters.GetString("set") != SetFamilies.MultiNorm && !ignored.Contains("volume_formula")) ignored.Add("volume_formula");
        if (parameters.GetString("objective") == Objectives.Volume && !ignored.Contains("neg_form")) ignored.Add("neg_form");
        return ignored;
    }
    public string Description => "Conformal covering sets (ball, Mahalanobis, learned single/multi-norm): coverage vs negative exclusion.";

    public IReadOnlyList<ParameterSpec> Parameters { get; } =
    [
        new("data", ParameterKind.Text, "sim-clusters", "Embeddings: the reference 3D cluster simulation or a projected GMM.", Allowed: DataNames),
        new("embedding", ParameterKind.Text, "infonce", "gmm-embeddings and image data: the map that embeds the points (InfoNCE on pairs, LDA, PCA), fitted inside the point.", Allowed: GmmEmbeddings.Methods),
        new("data_dir", ParameterKind.Text, "", "Image data: directory of the dataset's files (empty: the dataset's default, see image-contrastive)."),
        new("pca_dims", ParameterKind.Integer, 50L, "Image data: principal components of the standardised pixels the map reads.", Min: 1, Max: 3072),
        new("positive_kind", ParameterKind.Text, ImagePositives.Augment, "Image data: positives are augmentations of the anchor (the paper's setting; `positives` of them per image) or other images of its class.", Allowed: ImagePositives.All),
        new("set", ParameterKind.Text, SetFamilies.MultiNorm, "Set family.", Allowed: SetFamilies.All),
        new("objective", ParameterKind.Text, Objectives.Both, "Training objective of learned sets (ignored by ball and mahalanobis).", Allowed: Objectives.All),
        new("alpha", ParameterKind.Number, 0.1, "Miscoverage α in (0, 1): target coverage is 1 − α.", Min: 0, Max: 1, MinExclusive: true, MaxExclusive: true),
        new("lambda", ParameterKind.Number, 1e-3, "λ of neg+vol = (1−λ)·neg + λ·vol.", Min: 0, Max: 1),
        new("epochs", ParameterKind.Integer, 20L, "Training epochs of learned sets (0 = initial shape).", Min: 0, Max: 100_000),
        new("lr", ParameterKind.Number, 0.1, "SGD learning rate (cosine schedule).", Min: 0, MinExclusive: true),
        new("batch", ParameterKind.Integer, 128L, "Anchors per training step.", Min: 1, Max: 1_000_000),
        new("scale", ParameterKind.Number, 7.0, "Sharpness T of the sigmoid in the neg objective.", Min: 0, MinExclusive: true),
        new("neg_form", ParameterKind.Text, Objectives.DifferenceForm, "The neg objective's sigmoid: σ(T(t − g)) as the reference (difference), or the scale-free σ(T(1 − g/t)) (ratio).", Allowed: Objectives.NegForms),
        new("volume_formula", ParameterKind.Text, "exact", "multi-norm log-volume: exact −Σ(1/p_j)·log m_j, or the reference code's −Σ log m_j (to compare with its tables).", Allowed: ["exact", "reference"]),
        new("positives", ParameterKind.Integer, 50L, "Positives drawn per anchor (same cluster, with replacement).", Min: 1, Max: 100_000),
        new("negatives", ParameterKind.Integer, 50L, "Negatives drawn per anchor (other clusters, with replacement).", Min: 1, Max: 100_000),
        new("train_frac", ParameterKind.Number, 0.6, "Share of points that train the set shape.", Min: 0, Max: 1, MinExclusive: true),
        new("val_frac", ParameterKind.Number, 0.0, "Share of training points held out to early-stop learned sets on validation exclusion (0 = off).", Min: 0, Max: 1),
        new("patience", ParameterKind.Integer, 8L, "Epochs without better validation exclusion before stopping (with val_frac > 0).", Min: 1, Max: 100_000),
        new("calib_frac", ParameterKind.Number, 0.5, "Share of the remaining points that calibrate; the rest is the test split.", Min: 0, Max: 1, MinExclusive: true),
        new("calibration_unit", ParameterKind.Text, CalibrationUnits.Pair, "One calibration score per (anchor, positive) pair, or per anchor.", Allowed: CalibrationUnits.All),
        new("p_min", ParameterKind.Number, 0.1, "Lower clamp of learned norm exponents.", Min: 0.1, Max: 10),
        new("p_max", ParameterKind.Number, 10.0, "Upper clamp of learned norm exponents.", Min: 0.1, Max: 10),
        new("dim", ParameterKind.Integer, 3L, "Embedding dimension (sim-clusters: 3).", Min: 1, Max: 4096),
        new("clusters", ParameterKind.Integer, 5L, "Clusters / mixture components.", Min: 2, Max: 1000),
        new("points_per_cluster", ParameterKind.Integer, 200L, "Points per cluster before the split.", Min: 2, Max: 10_000_000),
        new("separation", ParameterKind.Number, 4.0, "sim-clusters: centre radius s; gmm-embeddings: mean distance from the origin in std units.", Min: 0, MinExclusive: true),
        new("std", ParameterKind.Number, 1.0, "Noise scale.", Min: 0, MinExclusive: true),
    ];

    public IReadOnlyList<string> Metrics { get; } =
    [
        "coverage", "exclusion", "log_volume", "log_volume_per_dim", "threshold", "target_coverage",
        "calibration_coverage", "calibration_scores", "anchor_coverage", "test_anchors", "mean_p", "epochs_trained", .. PhaseClock.Metrics,
    ];

    public IReadOnlyList<string> ValidateCombination(ParameterSet parameters)
    {
        var errors = ConformalValidation.Check(ConformalOptions.From(parameters));
        var data = parameters.GetString("data");
        if (!ImageDatasets.All.Contains(data)) return errors;
        // Image sizes are the dataset's published ones: checked here, before any file is read.
        long pca = parameters.GetInt("pca_dims"), pixels = ImageDatasets.Shape(data).Pixels;
        if (pca > pixels) return [.. errors, $"pca_dims: {pca} exceeds the {pixels} pixels of {data}; allowed: 1..{pixels}"];
        if (parameters.GetInt("dim") > pca) return [.. errors, $"dim: {parameters.GetInt("dim")} exceeds pca_dims = {pca}, the features the map reads; allowed: 1..pca_dims"];
        return errors;
    }

    /// <summary>
    /// The embedded points, every anchor's drawn positives and negatives with their scores, and a batch's pairwise
    /// differences with gradients; for gmm-embeddings also the float64 GMM samples the map is trained on.
    /// </summary>
    public MemoryEstimate EstimateMemory(ParameterSet parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        double n = (double)parameters.GetInt("clusters") * parameters.GetInt("points_per_cluster"), dim = parameters.GetInt("dim");
        double pairs = parameters.GetInt("positives") + parameters.GetInt("negatives"), b = parameters.GetInt("batch");
        var gmm = parameters.GetString("data") == "gmm-embeddings" ? 8.0 * 4 * Math.Max(n, 4096) * 2 * dim : 0;
        return MemoryEstimate.Sum(
            (8.0 * 2 * n * dim, ["clusters", "points_per_cluster", "dim"]),
            (8.0 * 3 * n * pairs, ["clusters", "points_per_cluster", "positives", "negatives"]),
            (8.0 * 8 * b * pairs * dim, ["batch", "positives", "negatives", "dim"]),
            (gmm, ["clusters", "points_per_cluster", "dim"]),
            (Image(parameters), ["data", "pca_dims", "positives"]));
    }

    /// <summary>An image dataset's pixels and features (shared per process, counted per point as a bound), the map's
    /// training pairs, and the embedded views.</summary>
    private static double Image(ParameterSet parameters)
    {
        var data = parameters.GetString("data");
        if (!ImageDatasets.All.Contains(data)) return 0;
        var shape = ImageDatasets.Shape(data);
        var pca = (int)parameters.GetInt("pca_dims");
        double views = parameters.GetInt("positives") * (double)shape.Test * parameters.GetInt("dim");
        return shape.DatasetBytes(pca) + (4.0 * 4 * shape.Train * pca) + (4.0 * views) + (4.0 * 2 * ImageAugment.Chunk * shape.Pixels * 4);
    }

    public IReadOnlyDictionary<string, double> Run(ExperimentContext context, CancellationToken cancellationToken) =>
        Execute(context, exportDirectory: null, cancellationToken);

    /// <summary>
    /// Runs the point and writes the embedded points of each split (train, calibration, test, with cluster labels)
    /// and set.csv: the family, the calibrated threshold and the metrics (the learned shape itself is not exported).
    /// </summary>
    public IReadOnlyList<string> ExportData(ExperimentContext context, string directory, CancellationToken cancellationToken)
    {
        Execute(context, directory, cancellationToken);
        return ["train.csv", "calibration.csv", "test.csv", "set.csv"];
    }

    /// <summary>
    /// Test images of an image dataset embedded by a map fitted on its training split, with image-contrastive's
    /// defaults (20 epochs, batch 256, lr 0.01, τ 0.5; same-class partners without noise, or shift ≤ 2 px, mirror and
    /// pixel noise 0.1 augmentations, matching positive_kind; LDA with Ledoit–Wolf shrinkage).
    /// </summary>
    private static LabelledPoints ImageData(ParameterSet p, ConformalOptions options, Generator generator, CancellationToken cancellationToken)
    {
        ImageFeatures features;
        try
        {
            features = ImageFeatures.For(options.Data, p.GetString("data_dir"), (int)p.GetInt("pca_dims"), out _);
        }
        catch (ImageDataException e)
        {
            throw new ExperimentFailedException(e.Message);
        }
        var kind = p.GetString("positive_kind");
        var training = new ImageMaps.Training(new Training.InfoNceOptions(options.Dimension, Epochs: 20, Batch: 256, LearningRate: 0.01), kind, 0,
            new ImageAugment(2, ImageDatasets.Flips(options.Data), 0.1), "auto");
        return ImageEmbeddings.Generate(features, p.GetString("embedding"), options.Dimension, options.PointsPerCluster,
            kind == ImagePositives.Augment ? options.Positives : 0, training, generator, cancellationToken);
    }

    private static Dictionary<string, double> Execute(ExperimentContext context, string? exportDirectory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var options = ConformalOptions.From(context.Parameters);
        if (ConformalValidation.Check(options) is { Count: > 0 } errors) throw new ExperimentFailedException(string.Join("; ", errors));
        var phases = new PhaseClock();
        var device = new Device(context.Device);
        // Small problems are per-op bound; extra intra-op threads only contend with other workers on the same cores.
        Devices.UseThreads(context.Threads);
        using var scope = NewDisposeScope();
        using var generator = new Generator(unchecked((ulong)context.Seed), new Device("cpu"));

        using var data = options.Data switch
        {
            "sim-clusters" => SimClusters.Generate(options.Clusters, options.PointsPerCluster, options.Separation, options.Std, generator),
            "gmm-embeddings" => GmmEmbeddings.Generate(context.Parameters.GetString("embedding"), options.Dimension, options.Clusters, options.PointsPerCluster, options.Separation,
                options.Std, generator, cancellationToken),
            _ => ImageData(context.Parameters, options, generator, cancellationToken),
        };
        using var train = new PairSampler(data.Slice(0, options.FitCount), "training", device);
        // Calibration and test anchors share one partner pool: see PairSampler for why that makes them exchangeable.
        var heldOut = data.Slice(options.TrainCount, options.CalibrationCount + options.TestCount);
        using var calibration = new PairSampler(heldOut, 0, options.CalibrationCount, "calibration", device);
        using var test = new PairSampler(heldOut, options.CalibrationCount, options.TestCount, "test", device);

        phases.Lap("data");
        using var set = SetFamilies.Create(options, train, generator, device);
        using var validation = options.ValidationCount > 0
            ? new PairSampler(data.Slice(options.FitCount, options.ValidationCount), "validation", device)
            : null;
        using var monitor = validation is null ? null : new ValidationMonitor(set, validation, options, generator);
        var epochs = SetTrainer.Train(set, train, options, generator, monitor, context.Progress, cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        phases.Lap("train");
        var result = ConformalEvaluation.Run(set, calibration, test, options, generator);
        var metrics = new Dictionary<string, double>
        {
            ["coverage"] = result.Coverage,
            ["exclusion"] = result.Exclusion,
            ["log_volume"] = result.LogVolume,
            ["log_volume_per_dim"] = result.LogVolume / options.Dimension,
            ["threshold"] = result.Threshold,
            ["target_coverage"] = 1 - options.Alpha,
            ["calibration_coverage"] = result.CalibrationCoverage,
            ["calibration_scores"] = result.CalibrationScores,
            ["anchor_coverage"] = result.AnchorCoverage,
            ["test_anchors"] = options.TestCount,
            ["mean_p"] = set.MeanExponent,
            ["epochs_trained"] = epochs,
        };
        phases.Lap("eval");
        phases.AddTo(metrics);
        if (exportDirectory is not null)
        {
            var fit = data.Slice(0, options.FitCount);
            CsvMatrix.Write(Path.Combine(exportDirectory, "train.csv"), fit.Points, fit.Labels);
            var calibrationPoints = heldOut.Slice(0, options.CalibrationCount);
            CsvMatrix.Write(Path.Combine(exportDirectory, "calibration.csv"), calibrationPoints.Points, calibrationPoints.Labels);
            var testPoints = heldOut.Slice(options.CalibrationCount, options.TestCount);
            CsvMatrix.Write(Path.Combine(exportDirectory, "test.csv"), testPoints.Points, testPoints.Labels);
            var text = new System.Text.StringBuilder("key,value\n").Append("set,").Append(options.Set).Append('\n');
            foreach (var (name, value) in metrics.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            {
                text.Append(name).Append(',').Append(value.ToString("R", System.Globalization.CultureInfo.InvariantCulture)).Append('\n');
            }
            File.WriteAllText(Path.Combine(exportDirectory, "set.csv"), text.ToString());
        }
        return metrics;
    }
}
