using ContrastiveOrleans.Experiments.Abstractions;
using ContrastiveOrleans.Experiments.Images;
using ContrastiveOrleans.Experiments.IO;
using ContrastiveOrleans.Experiments.Training;
using static TorchSharp.torch;

namespace ContrastiveOrleans.Experiments.AlphaCl;

/// <summary>
/// Paper 2 (Tian 2022, α-CL): contrastive losses as a max player θ and a min player α over negative pairs. Either
/// trains an encoder with NT-Xent or a dual2 α-loss on coupled GMM pairs and scores the representation (linear
/// probe, k-means NMI), or (fixed_alpha) freezes α on one batch and measures how the max player's optimum lines up
/// with the top eigenvector of the contrastive covariance C_α and how low its rank is. On real images (data
/// fashion-mnist, cifar10, cifar100) it trains a small CNN from two augmented views per image (<see cref="ImageAlphaCl"/>).
/// </summary>
public sealed class AlphaClExperiment : IPackableExperiment, IDataExporter
{
    internal const int KMeansRestarts = 10;

    public string Name => "alpha-cl";
    // v3: the reference's scale of dual2 (half of v2's), alpha-inverse's power 1 by default, alpha_exponent. (The
    // image data and their parameters came after v3 without changing a GMM number; the new parameters are in the ids.)
    // v5: the probe by L-BFGS (to its minimiser, or 300 iterations on wide image features), was 300 Adam steps;
    // k-means++ draws by inverse CDF, restarts batched. (v4 never left a development checkout.)
    public string Version => "5";

    /// <summary>
    /// What a run does not read (a test checks each gives the same numbers for any value): epochs under fixed α
    /// (fixed_steps otherwise), p outside alpha-exp, power outside alpha-inverse, alpha_exponent outside alpha-inverse and
    /// alpha-quadratic, alpha_eps under NT-Xent, depth outside
    /// deep-linear.
    /// </summary>
    public IReadOnlyCollection<string> IgnoredParameters(ParameterSet parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var images = parameters.GetString("data") != Gmm;
        var ignored = new List<string>(images ? GmmOnly : ImageOnly);
        if (images && parameters.GetString("encoder") == ImageAlphaCl.Pixels) return [.. ignored, .. CnnTraining];
        if (!images) ignored.Add(parameters.GetBool("fixed_alpha") ? "epochs" : "fixed_steps");
        if (!images && (!parameters.GetBool("fixed_alpha") || parameters.GetString("encoder") == Encoder.Relu2)) ignored.Add("inits");
        var loss = parameters.GetString("loss");
        if (loss != "alpha-exp") ignored.Add("p");
        if (loss != "alpha-inverse") ignored.Add("power");
        if (loss is not ("alpha-inverse" or "alpha-quadratic")) ignored.Add("alpha_exponent");
        if (loss == "ntxent") ignored.Add("alpha_eps");
        if (!images && parameters.GetString("encoder") != "deep-linear") ignored.Add("depth");
        return ignored;
    }

    /// <summary>The data every point of the GMM runs draws.</summary>
    public const string Gmm = "gmm";

    public static readonly string[] DataNames = [Gmm, .. ImageDatasets.All];

    /// <summary>Encoders of GMM data, and of images.</summary>
    public static readonly string[] ImageEncoders = [ImageAlphaCl.Cnn, ImageAlphaCl.Pixels];

    private static readonly string[] ImageOnly = ["data_dir", "channels", "pool", "crop_scale", "shift", "flip", "pixel_noise", "optimizer", "schedule"];

    private static readonly string[] GmmOnly = ["d", "k", "condition", "separation", "noise", "n_test", "depth", "fixed_alpha", "fixed_steps", "inits"];

    /// <summary>What the pixels baseline does not read: everything about training.</summary>
    private static readonly string[] CnnTraining =
        ["loss", "p", "power", "alpha_exponent", "temperature", "alpha_eps", "width", "channels", "pool", "epochs", "batch", "lr", "crop_scale", "shift", "flip",
         "pixel_noise", "optimizer", "schedule", "n_train"];

    public string Description => "α-CL: NT-Xent vs new pairwise-importance losses on GMM pairs or on images (CNN); fixed-α max player vs PCA on C_α.";

    public IReadOnlyList<ParameterSpec> Parameters { get; } =
    [
        new("data", ParameterKind.Text, Gmm, "Data: coupled pairs of a Gaussian mixture, or real images (two augmented views per image; encoder cnn or pixels).", Allowed: DataNames),
        new("data_dir", ParameterKind.Text, "", "Image data: directory of the dataset's files (empty: the dataset's default, see image-contrastive)."),
        new("d", ParameterKind.Integer, 20L, "Ambient dimension.", Min: 2, Max: 4096),
        new("k", ParameterKind.Integer, 4L, "Number of mixture components (classes).", Min: 2, Max: 1000),
        new("condition", ParameterKind.Number, 10.0, "Condition number κ of the shared covariance (1 = isotropic).", Min: 1),
        new("separation", ParameterKind.Number, 3.0, "Distance of each mean from the centre, in units of the mean noise std.", Min: 0, MinExclusive: true),
        new("noise", ParameterKind.Number, 0.0, "δ: probability that a partner comes from a component drawn from the mixture.", Min: 0, Max: 1),
        new("n_train", ParameterKind.Integer, 2000L, "Training pairs (also the probe's training set); image data: training images the encoder sees (a random subset; the probe reads all).", Min: 4, Max: 10_000_000),
        new("n_test", ParameterKind.Integer, 1000L, "Held-out samples for probe accuracy, NMI and effective rank.", Min: 2, Max: 10_000_000),
        new("loss", ParameterKind.Text, AlphaLossOptions.AlphaExp, "Contrastive loss / α family.", Allowed: AlphaLossOptions.Names),
        new("p", ParameterKind.Number, 4.0, "alpha-exp: w = exp(−r^{p/2}/τ); 2 = InfoNCE's weighting, 4 = the paper's new loss.", Min: 0, MinExclusive: true),
        new("power", ParameterKind.Number, 1.0, "alpha-inverse: w = 1/(r^alpha_exponent + τ)^power (the reference's inverse_exponent, 1).", Min: 0, MinExclusive: true),
        new("alpha_exponent", ParameterKind.Number, 1.0, "alpha-quadratic and alpha-inverse weigh r^alpha_exponent (the reference's alpha_exponent, 1); alpha-exp's is p/2.", Min: 0, MinExclusive: true),
        new("temperature", ParameterKind.Number, 0.5, "τ of every loss family.", Min: 0, MinExclusive: true),
        new("alpha_eps", ParameterKind.Number, 0.0, "ε in α_ij = w_ij/(Σ_k w_ik + ε(2N−2)) of the alpha-* losses (NT-Xent has none).", Min: 0),
        new("encoder", ParameterKind.Text, Encoder.DeepLinear, "Network: linear, deep-linear (depth layers), relu2 (two-layer ReLU) or linear-units (relu2 without the ReLU: the rank control); image data: cnn (3 convolutions and a projection head) or pixels (no network: the raw-pixel baseline).", Allowed: [.. Encoder.Names, .. ImageEncoders]),
        new("depth", ParameterKind.Integer, 2L, "Layers of deep-linear (linear has 1, relu2 has 2).", Min: 1, Max: 16),
        new("width", ParameterKind.Integer, 8L, "Output and hidden width; cnn: the projection head's output.", Min: 1, Max: 4096),
        new("channels", ParameterKind.Integer, 16L, "cnn: channels c of the first convolution (then 2c, 4c; the representation has 4c).", Min: 1, Max: 512),
        new("pool", ParameterKind.Integer, 2L, "cnn: the last map is average-pooled to pool × pool cells (1: global average pooling); the representation has 4c·pool² values.", Min: 1, Max: 7),
        new("crop_scale", ParameterKind.Number, 0.3, "Image data: a view is a random square crop covering a uniform fraction in [crop_scale, 1] of the image, resized back (1: no crop).", Min: 0.01, Max: 1),
        new("shift", ParameterKind.Integer, 0L, "Image data: largest shift of a view in pixels, each direction (zeros fill in).", Min: 0, Max: 16),
        new("flip", ParameterKind.Boolean, true, "Image data: mirror a view with probability 1/2."),
        new("pixel_noise", ParameterKind.Number, 0.1, "Image data: standard deviation of Gaussian noise on a view's [0, 1] pixels.", Min: 0, Max: 10),
        new("optimizer", ParameterKind.Text, "adam", "Image data: optimizer of the CNN (sgd: momentum 0.9); GMM runs use Adam.", Allowed: ["adam", "sgd"]),
        new("schedule", ParameterKind.Text, "cosine", "Image data: learning-rate schedule, cosine annealing to 0 or constant; GMM runs anneal.", Allowed: ["cosine", "constant"]),
        new("fixed_alpha", ParameterKind.Boolean, false, "Freeze α on one batch and run only the max player (C_α analysis)."),
        new("fixed_steps", ParameterKind.Integer, 1500L, "Ascent steps of the fixed-α max player (epochs is not used there).", Min: 1, Max: 1_000_000),
        new("inits", ParameterKind.Integer, 1L, "fixed_alpha with a linear encoder: random initialisations whose ascent is run; global_fraction is the share that reaches the top eigenvector of its C_α.", Min: 1, Max: 10_000),
        new("epochs", ParameterKind.Integer, 20L, "Passes over the training pairs.", Min: 1, Max: 100_000),
        new("batch", ParameterKind.Integer, 128L, "Pairs N per step (2N rows; 2N−2 negatives per row); the fixed-α batch size.", Min: 2, Max: 1_000_000),
        new("lr", ParameterKind.Number, 0.01, "Adam learning rate (cosine-annealed), for training and the fixed-α ascent.", Min: 0, MinExclusive: true),
    ];

    public IReadOnlyList<string> Metrics { get; } =
        ["probe_acc", "nmi", "final_loss", "effective_rank", "map_effective_rank", "top_eig_cos", "energy_ratio",
         "global_fraction", "global_fraction_low", "global_fraction_high", .. PhaseClock.Metrics];

    /// <summary>An ascent "reaches the top eigenvector" when |cos| with it is at least this.</summary>
    public const double GlobalCosine = 0.99;

    /// <summary>The 95% Wilson score interval of a binomial proportion (k of n).</summary>
    public static (double Low, double High) Wilson(long k, long n)
    {
        const double z = 1.959963984540054;
        var p = k / (double)n;
        var denominator = 1 + (z * z / n);
        var centre = (p + (z * z / (2.0 * n))) / denominator;
        var half = z * Math.Sqrt((p * (1 - p) / n) + (z * z / (4.0 * n * n))) / denominator;
        return (Math.Max(0, centre - half), Math.Min(1, centre + half));
    }

    public IReadOnlyList<string> ValidateCombination(ParameterSet parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var errors = new List<string>();
        var data = parameters.GetString("data");
        var encoder = parameters.GetString("encoder");
        if (data != Gmm)
        {
            if (!ImageEncoders.Contains(encoder)) errors.Add($"encoder: '{encoder}' reads GMM vectors; image data ({data}) allowed: {string.Join(", ", ImageEncoders)}");
            if (parameters.GetBool("fixed_alpha")) errors.Add($"fixed_alpha: the C_α analysis is of linear encoders on GMM data; with data {data} allowed: false");
            var train = ImageDatasets.Shape(data).Train;
            if (parameters.GetInt("n_train") > train) errors.Add($"n_train: {parameters.GetInt("n_train")} exceeds the {train} training images of {data}; allowed: 4..{train}");
            if (encoder == ImageAlphaCl.Cnn && parameters.GetInt("batch") > parameters.GetInt("n_train"))
                errors.Add($"batch: {parameters.GetInt("batch")} exceeds n_train = {parameters.GetInt("n_train")}; allowed: 2..n_train");
            return errors;
        }
        if (ImageEncoders.Contains(encoder)) errors.Add($"encoder: '{encoder}' reads images; with data gmm allowed: {string.Join(", ", Encoder.Names)}");
        long k = parameters.GetInt("k"), nTrain = parameters.GetInt("n_train"), nTest = parameters.GetInt("n_test");
        if (parameters.GetInt("batch") > nTrain)
            errors.Add($"batch: {parameters.GetInt("batch")} exceeds n_train = {nTrain}; allowed: 2..n_train");
        if (nTrain < k) errors.Add($"n_train: {nTrain} is smaller than k = {k}");
        if (nTest < k) errors.Add($"n_test: {nTest} is smaller than k = {k}");
        return errors;
    }

    /// <summary>
    /// Samples and their float32 copies (as gmm-contrastive), the 2N×2N distance and weight matrices with their
    /// gradients, and the encoder's activations on the probe's training set.
    /// </summary>
    public MemoryEstimate EstimateMemory(ParameterSet parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (parameters.GetString("data") != Gmm) return EstimateImageMemory(parameters);
        double n = parameters.GetInt("n_train"), m = parameters.GetInt("n_test"), d = parameters.GetInt("d");
        double b = parameters.GetInt("batch"), w = parameters.GetInt("width"), depth = parameters.GetInt("depth");
        return MemoryEstimate.Sum(
            ((8.0 * 3 * n * d) + (4.0 * 2 * n * d), ["n_train", "d"]),
            (8.0 * 2 * m * d, ["n_test", "d"]),
            (4.0 * 10 * (2 * b) * (2 * b), ["batch"]),
            (4.0 * 2 * (n + m) * w * depth, ["n_train", "width", "depth"]),
            (8.0 * 8 * d * d, ["d"]));
    }

    /// <summary>
    /// The dataset (shared per process, counted per point as a bound) and its byte copy per point; cnn: a step's
    /// activations (2N views; each convolution's output and its ReLU kept for backward, 1.25·c·H·W floats per view, bounded here by 2.2, three times);
    /// the representation of every image in float32 and the probe's float64 copies of it (features, standardised
    /// features, their gradient buffers: about five).
    /// </summary>
    private static MemoryEstimate EstimateImageMemory(ParameterSet parameters)
    {
        var shape = ImageDatasets.Shape(parameters.GetString("data"));
        double images = shape.Train + shape.Test, pixels = shape.Pixels;
        var pixelsBaseline = parameters.GetString("encoder") == ImageAlphaCl.Pixels;
        double features = pixelsBaseline ? pixels : 4 * parameters.GetInt("channels") * parameters.GetInt("pool") * parameters.GetInt("pool");
        double b = parameters.GetInt("batch"), c = parameters.GetInt("channels"), area = pixels / (parameters.GetString("data") == ImageDatasets.FashionMnist ? 1 : 3);
        return MemoryEstimate.Sum(
            (2.0 * images * pixels, ["data"]),
            (pixelsBaseline ? 0 : 4.0 * 3 * 2 * b * 2.2 * c * area, ["batch", "channels"]),
            ((4.0 + (8.0 * 5)) * images * features, ["data", "channels"]));
    }

    public IReadOnlyDictionary<string, double> Run(ExperimentContext context, CancellationToken cancellationToken) =>
        Execute(context, exportDirectory: null, cancellationToken);

    /// <summary>
    /// Trained linear and deep-linear encoders on GMM data pack when they agree in everything that shapes the program,
    /// the loss and its α parameters included; seed, k, condition, separation, noise, n_test and lr may differ.
    /// </summary>
    public string? PackKey(ParameterSet parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var encoder = parameters.GetString("encoder");
        if (parameters.GetString("data") != Gmm || parameters.GetBool("fixed_alpha") || encoder is not (Encoder.Linear or Encoder.DeepLinear)) return null;
        var depth = encoder == Encoder.DeepLinear ? parameters.GetInt("depth") : 1;
        return string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{encoder} depth={depth} d={parameters.GetInt("d")} width={parameters.GetInt("width")} n_train={parameters.GetInt("n_train")} batch={parameters.GetInt("batch")} epochs={parameters.GetInt("epochs")} {parameters.GetString("loss")} p={parameters.GetDouble("p")} power={parameters.GetDouble("power")} temperature={parameters.GetDouble("temperature")} alpha_eps={parameters.GetDouble("alpha_eps")} alpha_exponent={parameters.GetDouble("alpha_exponent")}");
    }

    /// <summary>About 1 GiB of training tensors per program: each point's pairs (float32, stacked and permuted) and its 2N×2N loss matrices.</summary>
    public int PackLimit(ParameterSet parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        double n = parameters.GetInt("n_train"), d = parameters.GetInt("d"), b = parameters.GetInt("batch");
        return PackLimits.For((4.0 * 6 * n * d) + (4.0 * 12 * (2 * b) * (2 * b)));
    }

    public IReadOnlyList<PackedOutcome> RunPacked(IReadOnlyList<ExperimentContext> contexts, CancellationToken cancellationToken) =>
        PackedRuns.Run(contexts, AlphaClGmmRun.Start, runs => TrainPacked(runs, cancellationToken), (run, _) => run.Evaluate(), cancellationToken);

    /// <summary>Trains the points' encoders as one program; each gets its final loss and its share of the time.</summary>
    private static Exception?[] TrainPacked(IReadOnlyList<AlphaClGmmRun> runs, CancellationToken cancellationToken)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var first = runs[0];
        var training = first.Training;
        var device = first.Run.Device;
        var k = runs.Count;
        double[] lastLoss;
        Exception?[] errors;
        using (var scope = NewDisposeScope())
        {
            var prepared = runs.Select(r => PairEpochs.Prepare(r.X, r.Partner, training.Batch, training.Epochs, device)).ToList();
            var batch = prepared[0].Batch;
            var xs = stack(prepared.Select(p => p.X).ToArray());
            var ps = stack(prepared.Select(p => p.Partner).ToArray());
            using var span = ExperimentTracing.Train("alpha-cl-packed", prepared[0].TotalSteps)?.SetTag("contrastive.pack", k);
            using var geometry = new PairGeometry(batch, device);
            // Each point's layers (drawn from its own generator when its encoder was made), stacked K×width×fan-in.
            var layers = Enumerable.Range(0, first.Encoder.Layers.Count)
                .Select(l => stack(runs.Select(r => r.Encoder.Layers[l].detach()).ToArray()).clone().requires_grad_(true)).ToList();
            (lastLoss, errors, _) = PackedEpochs.Run(xs, ps, batch, training.Epochs, layers, "adam", [.. runs.Select(r => r.Training.LearningRate)],
                cosine: true, [.. runs.Select(r => r.Run.Model)],
                (xb, pb) =>
                {
                    var h = cat([xb, pb], 1);
                    foreach (var w in layers) h = h.bmm(w.transpose(1, 2));
                    return ContrastiveLoss.PackedCompute(h, geometry, first.Loss);
                },
                i => $"{runs[i].Loss.Loss} (lr {runs[i].Training.LearningRate}, temperature {runs[i].Loss.Temperature})",
                [.. runs.Select(r => r.Context.Progress)], cancellationToken);
            using (no_grad())
            {
                for (var i = 0; i < k; i++)
                    for (var l = 0; l < layers.Count; l++) runs[i].Encoder.Layers[l].copy_(layers[l][i]);
            }
        }
        var share = clock.Elapsed.TotalMilliseconds / k;
        for (var i = 0; i < k; i++)
        {
            if (errors[i] is not null) continue;
            runs[i].Metrics["final_loss"] = lastLoss[i];
            runs[i].Phases.Set("train", share);
        }
        return errors;
    }

    /// <summary>Image points have no samples of their own to write (the dataset's files are the data).</summary>
    public string? CannotExport(ParameterSet parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return parameters.GetString("data") == Gmm ? null : $"data: alpha-cl exports the samples of GMM points; '{parameters.GetString("data")}' has none of its own; allowed: {Gmm}";
    }

    /// <summary>Runs the point and writes the training and test samples (with labels) and the test embedding.</summary>
    public IReadOnlyList<string> ExportData(ExperimentContext context, string directory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (CannotExport(context.Parameters) is { } reason) throw new ArgumentException(reason, nameof(context));
        Execute(context, directory, cancellationToken);
        return ["train.csv", "test.csv", "test_embedding.csv"];
    }

    private static Dictionary<string, double> Execute(ExperimentContext context, string? exportDirectory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var p = context.Parameters;
        if (p.GetString("data") != Gmm)
        {
            var phases = new PhaseClock();
            using var imageRun = TorchRun.Start(context);
            var imageMetrics = ImageAlphaCl.Run(p, imageRun, phases, context.Progress, KMeansRestarts, cancellationToken);
            phases.AddTo(imageMetrics);
            return imageMetrics;
        }
        using var run = AlphaClGmmRun.Start(context);
        var (spec, loss, training, fixedAlpha, x, partner, encoder) = (run.Spec, run.Loss, run.Training, run.FixedAlpha, run.X, run.Partner, run.Encoder);
        var (device, modelGenerator) = (run.Run.Device, run.Run.Model);
        var metrics = run.Metrics;
        if (fixedAlpha)
        {
            var analysis = FixedAlphaAnalysis.Run(encoder, x, partner, loss, training.Batch, (int)p.GetInt("fixed_steps"),
                training.LearningRate, context.Progress, cancellationToken);
            foreach (var (name, value) in analysis) metrics[name] = value;
            if (analysis.TryGetValue("top_eig_cos", out var first) && p.GetInt("inits") is var inits and > 1)
            {
                // "Almost all local minima are global": the same fixed-α ascent from inits − 1 more random starts, each
                // with the α of its own start; the share that reach their C_α's top eigenvector, with a Wilson interval.
                var reached = first >= GlobalCosine ? 1 : 0;
                for (var i = 1; i < inits; i++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    using var start = Encoder.Create(p.GetString("encoder"), spec.D, (int)p.GetInt("depth"), (int)p.GetInt("width"), modelGenerator, device, float64);
                    var again = FixedAlphaAnalysis.Run(start, x, partner, loss, training.Batch, (int)p.GetInt("fixed_steps"), training.LearningRate, null, cancellationToken);
                    if (again["top_eig_cos"] >= GlobalCosine) reached++;
                }
                var (low, high) = Wilson(reached, inits);
                metrics["global_fraction"] = reached / (double)inits;
                metrics["global_fraction_low"] = low;
                metrics["global_fraction_high"] = high;
            }
        }
        else
        {
            metrics["final_loss"] = ContrastiveTrainer.Train(encoder, x, partner, loss, training, modelGenerator, context.Progress, cancellationToken);
        }
        run.Phases.Lap("train");
        cancellationToken.ThrowIfCancellationRequested();
        run.Evaluate();
        if (exportDirectory is not null)
        {
            using var scope = NewDisposeScope();
            CsvMatrix.Write(Path.Combine(exportDirectory, "train.csv"), x, run.Labels);
            CsvMatrix.Write(Path.Combine(exportDirectory, "test.csv"), run.XTest, run.LabelsTest);
            using (no_grad())
            {
                var layer = encoder.Layers[0];
                CsvMatrix.Write(Path.Combine(exportDirectory, "test_embedding.csv"), encoder.Forward(run.XTest.to(layer.dtype).to(layer.device)).cpu(), run.LabelsTest);
            }
        }
        return metrics;
    }
}
