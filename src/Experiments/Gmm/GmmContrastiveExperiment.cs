using ContrastiveOrleans.Experiments.Abstractions;
using ContrastiveOrleans.Experiments.Baselines;
using ContrastiveOrleans.Experiments.Linear;
using ContrastiveOrleans.Experiments.Metrics;
using ContrastiveOrleans.Experiments.Training;
using static TorchSharp.torch;

namespace ContrastiveOrleans.Experiments.Gmm;

/// <summary>Paper 1: a linear map trained with InfoNCE on coupled GMM pairs vs LDA, PCA and the Fisher oracle.</summary>
public sealed class GmmContrastiveExperiment : IPackableExperiment, IDataExporter
{
    public static readonly string[] MethodNames = ["infonce", "lda", "pca", "fisher", "random"];

    public string Name => "gmm-contrastive";
    // v3: the probe is solved to its minimiser by L-BFGS (population-std standardisation as scikit-learn; 20–50
    // iterations at the quickstart's and the d 64 benchmark's shapes, well inside the 300 budget), was 300 Adam steps; k-means++ draws by inverse CDF and
    // restarts run batched.
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

    /// <summary>With eval_every above 0, the subspace distance at every eval_every-th epoch and the last.</summary>
    public IReadOnlyList<string> EvaluatedDuringTraining { get; } = ["subspace_distance"];

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

    /// <summary>
    /// infonce points with fixed partners and no per-epoch evaluation pack when they agree in everything that shapes
    /// the program; seed, k, condition, separation, noise, n_test, lr and temperature may differ.
    /// </summary>
    public string? PackKey(ParameterSet parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var options = GmmParameters.InfoNce(parameters, (int)parameters.GetInt("r"), twoTower: false);
        if (parameters.GetString("method") != "infonce" || GmmParameters.Redraws(parameters) || !PackedInfoNce.Packable(options)) return null;
        return string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"d={parameters.GetInt("d")} r={options.Rank} n_train={parameters.GetInt("n_train")} batch={options.Batch} epochs={options.Epochs} {options.Optimizer} {options.Schedule} normalize={options.Normalize}");
    }

    /// <summary>About 1 GiB of training tensors per program: each point's pairs (float32, stacked and permuted) and logits.</summary>
    public int PackLimit(ParameterSet parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        double n = parameters.GetInt("n_train"), d = parameters.GetInt("d"), b = parameters.GetInt("batch");
        return PackLimits.For((4.0 * 6 * n * d) + (4.0 * 8 * b * b));
    }

    public IReadOnlyList<PackedOutcome> RunPacked(IReadOnlyList<ExperimentContext> contexts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(contexts);
        var maps = new Tensor?[contexts.Count];
        return PackedRuns.Run(contexts, GmmContrastiveRun.Start,
            runs =>
            {
                var trained = PackedInfoNce.Train(
                    [.. runs.Select(r => new PackedRun(r.X, r.Partner, GmmParameters.InfoNce(r.Context.Parameters, r.Rank, twoTower: false), r.ModelGenerator, r.Context.Progress))],
                    runs[0].Device, cancellationToken);
                for (var i = 0; i < runs.Count; i++)
                {
                    if (trained[i].Result is not { } result) continue;
                    maps[i] = result.Map;
                    runs[i].Metrics["final_loss"] = result.FinalLoss;
                    // Its share of the program's training; the eval phase is its own.
                    runs[i].Phases.Set("train", result.TrainMilliseconds);
                }
                return [.. trained.Select(t => t.Error)];
            },
            (run, i) => run.Evaluate(maps[i]!, exportDirectory: null),
            cancellationToken);
    }

    private static Dictionary<string, double> Execute(ExperimentContext context, string? exportDirectory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var p = context.Parameters;
        using var run = GmmContrastiveRun.Start(context);
        var (spec, r, x, labels, mixture) = (run.Spec, run.Rank, run.X, run.Labels, run.Mixture);
        Tensor map;
        switch (run.Method)
        {
            case "infonce":
                var options = GmmParameters.InfoNce(p, r, twoTower: false);
                using (var oracle = mixture.FisherBasis())
                {
                    // eval_every: the subspace distance of the map as it trains, in the learning curve.
                    // partners: redraw gives each anchor a fresh partner per epoch, from the data stream after the first draw.
                    Func<int, Tensor>? redraw = GmmParameters.Redraws(p)
                        ? _ => mixture.SampleGiven(mixture.CoupledLabels(labels, p.GetDouble("noise"), run.DataGenerator), run.DataGenerator)
                        : null;
                    var trained = LinearInfoNce.Train(x, run.Partner, options, run.ModelGenerator, run.Device,
                        (a, _) => new Dictionary<string, double> { ["subspace_distance"] = Subspaces.Distance(oracle, a) }, redraw, context.Progress, cancellationToken);
                    map = trained.Map;
                    run.Metrics["final_loss"] = trained.FinalLoss;
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
                map = randn(r, spec.D, dtype: float64, generator: run.ModelGenerator);
                break;
            default:
                throw new ArgumentException($"method: '{run.Method}' is not one of {string.Join(", ", MethodNames)}", nameof(context));
        }

        cancellationToken.ThrowIfCancellationRequested();
        run.Phases.Lap("train");
        return run.Evaluate(map, exportDirectory);
    }
}
