using ContrastiveOrleans.Experiments.Abstractions;
using ContrastiveOrleans.Experiments.Baselines;
using ContrastiveOrleans.Experiments.IO;
using ContrastiveOrleans.Experiments.Linear;
using ContrastiveOrleans.Experiments.Metrics;
using ContrastiveOrleans.Experiments.Training;
using static TorchSharp.torch;

namespace ContrastiveOrleans.Experiments.Gmm;

/// <summary>Paper 1: a linear map trained with InfoNCE on coupled GMM pairs vs LDA, PCA and the Fisher oracle.</summary>
public sealed class GmmContrastiveExperiment : IExperiment, IDataExporter
{
    public static readonly string[] MethodNames = ["infonce", "lda", "pca", "fisher", "random"];

    public string Name => "gmm-contrastive";
    // v3: the probe is solved to its minimiser (L-BFGS, population-std standardisation as scikit-learn), was 300 Adam
    // steps; k-means++ draws by inverse CDF and restarts run batched.
    public string Version => "3";

    /// <summary>Only infonce trains: the other methods never read the training knobs (a test checks they give the same
    /// numbers for any value of them), so their points do not repeat per value.</summary>
    public IReadOnlyCollection<string> IgnoredParameters(ParameterSet parameters) =>
        parameters is not null && parameters.TryGetValue("method", out var method) && (string)method != "infonce"
            ? [.. GmmParameters.Training.Select(p => p.Name)]
            : [];

    public string Description => "InfoNCE vs LDA vs PCA subspaces on a Gaussian mixture with shared anisotropic covariance.";

    public IReadOnlyList<ParameterSpec> Parameters { get; } =
    [
        new("d", ParameterKind.Integer, 20L, "Ambient dimension.", Min: 2, Max: 4096),
        GmmParameters.R,
        .. GmmParameters.Mixture,
        new("method", ParameterKind.Text, "infonce", "Method that produces the projection.", Allowed: MethodNames),
        .. GmmParameters.Training,
    ];

    public IReadOnlyList<string> Metrics { get; } =
        ["subspace_distance", "fisher_ratio_rel", .. ClusteringMetrics.Names, "final_loss", .. PhaseClock.Metrics];

    public IReadOnlyList<string> ValidateCombination(ParameterSet parameters) => [.. GmmParameters.CheckSizes(parameters, "d")];

    /// <summary>
    /// float64 samples (pairs, their noise, the test set), their float32 copies for training, the B×B logits with
    /// their gradients, and d×d covariances and decompositions.
    /// </summary>
    public MemoryEstimate EstimateMemory(ParameterSet parameters) => GmmParameters.EstimateMemory(parameters, (int)parameters.GetInt("d"), "d");

    public IReadOnlyDictionary<string, double> Run(ExperimentContext context, CancellationToken cancellationToken) =>
        Execute(context, exportDirectory: null, cancellationToken);

    /// <summary>
    /// Runs the point and writes train.csv and test.csv (x0..x{d-1},label), fisher.csv (oracle basis, a row per
    /// direction) and projection.csv (the method's r×d map) into <paramref name="directory"/>.
    /// </summary>
    public IReadOnlyList<string> ExportData(ExperimentContext context, string directory, CancellationToken cancellationToken)
    {
        Execute(context, directory, cancellationToken);
        return ["train.csv", "test.csv", "fisher.csv", "projection.csv"];
    }

    private static Dictionary<string, double> Execute(ExperimentContext context, string? exportDirectory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var p = context.Parameters;
        var spec = new GmmSpec((int)p.GetInt("d"), (int)p.GetInt("k"), p.GetDouble("condition"), p.GetDouble("separation"));
        var r = (int)p.GetInt("r");
        var method = p.GetString("method");
        var phases = new PhaseClock();
        using var run = TorchRun.Start(context);
        var (device, dataGenerator, modelGenerator) = (run.Device, run.Data, run.Model);
        using var mixture = GaussianMixture.Create(spec, dataGenerator);
        // Every method sees the same draw: pairs for infonce, their first halves with labels for lda/pca.
        var (x, partner, labels, _) = mixture.SamplePairs(p.GetInt("n_train"), p.GetDouble("noise"), dataGenerator);
        phases.Lap("data");

        var metrics = new Dictionary<string, double>(StringComparer.Ordinal);
        Tensor map;
        switch (method)
        {
            case "infonce":
                var options = GmmParameters.InfoNce(p, r, twoTower: false);
                using (var oracle = mixture.FisherBasis())
                {
                    // eval_every: the subspace distance of the map as it trains, in the learning curve.
                    // partners: redraw gives each anchor a fresh partner per epoch, from the data stream after the first draw.
                    Func<int, Tensor>? redraw = GmmParameters.Redraws(p)
                        ? _ => mixture.SampleGiven(mixture.CoupledLabels(labels, p.GetDouble("noise"), dataGenerator), dataGenerator)
                        : null;
                    var trained = LinearInfoNce.Train(x, partner, options, modelGenerator, device,
                        (a, _) => new Dictionary<string, double> { ["subspace_distance"] = Subspaces.Distance(oracle, a) }, redraw, context.Progress, cancellationToken);
                    map = trained.Map;
                    metrics["final_loss"] = trained.FinalLoss;
                }
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
        phases.Lap("train");
        var fisher = mixture.FisherBasis();
        var between = mixture.BetweenScatter();
        metrics["subspace_distance"] = Subspaces.Distance(fisher, map);
        metrics["fisher_ratio_rel"] = Subspaces.FisherCriterion(map, mixture.Covariance, between)
            / Subspaces.OptimalFisherCriterion(mixture.Covariance, between, r);

        var (test, testLabels) = mixture.Sample(p.GetInt("n_test"), dataGenerator);
        ClusteringMetrics.Add(metrics, x.matmul(map.T), labels, test.matmul(map.T), testLabels, spec.K, modelGenerator);
        phases.Lap("eval");
        phases.AddTo(metrics);
        if (exportDirectory is not null)
        {
            CsvMatrix.Write(Path.Combine(exportDirectory, "train.csv"), x, labels);
            CsvMatrix.Write(Path.Combine(exportDirectory, "test.csv"), test, testLabels);
            CsvMatrix.Write(Path.Combine(exportDirectory, "fisher.csv"), fisher);
            CsvMatrix.Write(Path.Combine(exportDirectory, "projection.csv"), map);
        }
        return metrics;
    }
}
