using ContrastiveOrleans.Experiments.Abstractions;
using ContrastiveOrleans.Experiments.Baselines;
using ContrastiveOrleans.Experiments.Linear;
using ContrastiveOrleans.Experiments.Training;
using static TorchSharp.torch;

namespace ContrastiveOrleans.Experiments.Gmm;

/// <summary>Paper 1: a linear map trained with InfoNCE on coupled GMM pairs vs LDA, PCA and the Fisher oracle.</summary>
public sealed class GmmContrastiveExperiment : IExperiment
{
    public static readonly string[] MethodNames = ["infonce", "lda", "pca", "fisher", "random"];

    public string Name => "gmm-contrastive";
    public string Version => "1";
    public string Description => "InfoNCE vs LDA vs PCA subspaces on a Gaussian mixture with shared anisotropic covariance.";

    public IReadOnlyList<ParameterSpec> Parameters { get; } =
    [
        new("d", ParameterKind.Integer, 20L, "Ambient dimension.", Min: 2, Max: 4096),
        new("k", ParameterKind.Integer, 4L, "Number of mixture components.", Min: 2, Max: 1000),
        new("r", ParameterKind.Integer, 3L, "Rows of the learned map A (r ≥ k−1 to hold the Fisher subspace).", Min: 1, Max: 4096),
        new("condition", ParameterKind.Number, 100.0, "Condition number κ of the shared covariance (1 = isotropic).", Min: 1),
        new("separation", ParameterKind.Number, 3.0, "Distance of each mean from the centre, in units of the mean noise std.", Min: 0, MinExclusive: true),
        new("noise", ParameterKind.Number, 0.0, "δ: probability that a partner comes from a component drawn from the mixture.", Min: 0, Max: 1),
        new("n_train", ParameterKind.Integer, 20000L, "Training samples (pairs for infonce).", Min: 2, Max: 10_000_000),
        new("n_test", ParameterKind.Integer, 2000L, "Held-out samples for the metrics.", Min: 2, Max: 10_000_000),
        new("method", ParameterKind.Text, "infonce", "Method that produces the projection.", Allowed: MethodNames),
        new("epochs", ParameterKind.Integer, 30L, "Passes over the training pairs (infonce).", Min: 1, Max: 100_000),
        new("batch", ParameterKind.Integer, 256L, "Pairs per step; the other pairs of a batch are the negatives.", Min: 2, Max: 1_000_000),
        new("lr", ParameterKind.Number, 0.03, "Learning rate.", Min: 0, MinExclusive: true),
        new("optimizer", ParameterKind.Text, "adam", "Optimizer of the infonce map.", Allowed: ["adam", "sgd"]),
        new("temperature", ParameterKind.Number, 0.5, "τ of InfoNCE.", Min: 0, MinExclusive: true),
        new("normalize", ParameterKind.Boolean, false, "Cosine similarity (unit-normalised outputs) instead of inner product."),
        new("schedule", ParameterKind.Text, "cosine", "Learning-rate schedule: cosine annealing to 0, or constant.", Allowed: ["cosine", "constant"]),
    ];

    public IReadOnlyList<string> Metrics { get; } = ["subspace_distance", "fisher_ratio_rel", "final_loss", "train_ms"];

    public IReadOnlyList<string> ValidateCombination(ParameterSet parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var errors = new List<string>();
        long d = parameters.GetInt("d"), k = parameters.GetInt("k"), r = parameters.GetInt("r");
        if (r > d) errors.Add($"r: {r} exceeds d = {d}; allowed: 1..d");
        var needed = d + k;
        if (parameters.GetInt("n_train") < needed)
            errors.Add($"n_train: {parameters.GetInt("n_train")} is too small to estimate a {d}x{d} covariance with {k} classes; need at least d + k = {needed}");
        if (parameters.GetInt("n_test") < k)
            errors.Add($"n_test: {parameters.GetInt("n_test")} is smaller than k = {k}");
        return errors;
    }

    public IReadOnlyDictionary<string, double> Run(ExperimentContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var p = context.Parameters;
        var spec = new GmmSpec((int)p.GetInt("d"), (int)p.GetInt("k"), p.GetDouble("condition"), p.GetDouble("separation"));
        var r = (int)p.GetInt("r");
        var method = p.GetString("method");
        var device = Devices.ToTorch(context.Device);

        using var scope = NewDisposeScope();
        using var dataGenerator = new Generator(Devices.StreamSeed(context.Seed, 0));
        using var modelGenerator = new Generator(Devices.StreamSeed(context.Seed, 1));
        using var mixture = GaussianMixture.Create(spec, dataGenerator);
        // Every method sees the same draw: pairs for infonce, their first halves with labels for lda/pca.
        var (x, partner, labels, _) = mixture.SamplePairs(p.GetInt("n_train"), p.GetDouble("noise"), dataGenerator);

        var metrics = new Dictionary<string, double>(StringComparer.Ordinal);
        Tensor map;
        switch (method)
        {
            case "infonce":
                var options = new InfoNceOptions(r, (int)p.GetInt("epochs"), (int)p.GetInt("batch"), p.GetDouble("lr"),
                    p.GetString("optimizer"), p.GetDouble("temperature"), p.GetBool("normalize"), Schedule: p.GetString("schedule"));
                var trained = LinearInfoNce.Train(x, partner, options, modelGenerator, device, context.Progress, cancellationToken);
                map = trained.Map;
                metrics["final_loss"] = trained.FinalLoss;
                metrics["train_ms"] = trained.TrainMilliseconds;
                break;
            case "lda":
                map = LinearDiscriminant.Fit(x, labels, spec.K, r);
                break;
            case "pca":
                map = PrincipalComponents.Fit(x, r);
                break;
            case "fisher":
                map = mixture.FisherBasis();
                break;
            case "random":
                map = randn(r, spec.D, dtype: float64, generator: modelGenerator);
                break;
            default:
                throw new ArgumentException($"method: '{method}' is not one of {string.Join(", ", MethodNames)}", nameof(context));
        }

        cancellationToken.ThrowIfCancellationRequested();
        var fisher = mixture.FisherBasis();
        var between = mixture.BetweenScatter();
        metrics["subspace_distance"] = Subspaces.Distance(fisher, map);
        metrics["fisher_ratio_rel"] = Subspaces.FisherCriterion(map, mixture.Covariance, between)
            / Subspaces.OptimalFisherCriterion(mixture.Covariance, between, r);
        return metrics;
    }
}
