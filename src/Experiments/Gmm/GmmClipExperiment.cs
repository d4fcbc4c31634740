using ContrastiveOrleans.Experiments.Abstractions;
using ContrastiveOrleans.Experiments.Baselines;
using ContrastiveOrleans.Experiments.IO;
using ContrastiveOrleans.Experiments.Linear;
using ContrastiveOrleans.Experiments.Training;
using static TorchSharp.torch;

namespace ContrastiveOrleans.Experiments.Gmm;

/// <summary>
/// Paper 1's CLIP variant: paired modalities x ∈ R^{d_x}, y ∈ R^{d_y} share the component label (y's label is
/// resampled from π with probability δ); each modality has its own means, anisotropic covariance and high-variance
/// noise directions. Symmetric InfoNCE on (A x, B y) should recover each modality's Fisher subspace and ignore the
/// modality-specific noise, which PCA does not.
/// </summary>
public sealed class GmmClipExperiment : IExperiment, IDataExporter
{
    public static readonly string[] MethodNames = ["clip", "lda", "pca", "fisher", "random"];

    public string Name => "gmm-clip";
    public string Version => "2";

    /// <summary>Only clip trains: the other methods never read the training knobs (a test checks they give the same
    /// numbers for any value of them), so their points do not repeat per value.</summary>
    public IReadOnlyCollection<string> IgnoredParameters(ParameterSet parameters) =>
        parameters is not null && parameters.TryGetValue("method", out var method) && (string)method != "clip"
            ? [.. GmmParameters.Training.Select(p => p.Name)]
            : [];

    public string Description => "CLIP (two-tower symmetric InfoNCE) on a two-modality Gaussian mixture with modality-specific noise.";

    public IReadOnlyList<ParameterSpec> Parameters { get; } =
    [
        new("d_x", ParameterKind.Integer, 20L, "Dimension of modality x.", Min: 2, Max: 4096),
        new("d_y", ParameterKind.Integer, 16L, "Dimension of modality y.", Min: 2, Max: 4096),
        GmmParameters.R,
        .. GmmParameters.Mixture,
        new("noise_dims", ParameterKind.Integer, 2L, "High-variance noise directions per modality.", Min: 0, Max: 4095),
        new("noise_var", ParameterKind.Number, 25.0, "Variance along each noise direction (the base spectrum has mean 1).", Min: 0, MinExclusive: true),
        new("method", ParameterKind.Text, "clip", "Method that produces both projections.", Allowed: MethodNames),
        .. GmmParameters.Training,
    ];

    /// <summary>With eval_every above 0, the subspace distance at every eval_every-th epoch and the last.</summary>
    public IReadOnlyList<string> EvaluatedDuringTraining { get; } = ["subspace_distance_x", "subspace_distance_y"];

    public IReadOnlyList<string> Metrics { get; } =
    [
        "subspace_distance_x", "subspace_distance_y", "fisher_ratio_rel_x", "fisher_ratio_rel_y",
        "noise_energy_x", "noise_energy_y", "final_loss", .. PhaseClock.Metrics,
    ];

    public IReadOnlyList<string> ValidateCombination(ParameterSet parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var errors = GmmParameters.CheckSizes(parameters, "d_x").Concat(GmmParameters.CheckSizes(parameters, "d_y")).Distinct().ToList();
        var smaller = Math.Min(parameters.GetInt("d_x"), parameters.GetInt("d_y"));
        if (parameters.GetInt("noise_dims") >= smaller)
            errors.Add($"noise_dims: {parameters.GetInt("noise_dims")} must be smaller than min(d_x, d_y) = {smaller}");
        return errors;
    }

    /// <summary>As gmm-contrastive's, over both modalities (d_x + d_y dimensions).</summary>
    public MemoryEstimate EstimateMemory(ParameterSet parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var estimate = GmmParameters.EstimateMemory(parameters, parameters.GetInt("d_x") + parameters.GetInt("d_y"), "d_x");
        return estimate with { Drivers = [.. estimate.Drivers.SelectMany<string, string>(name => name == "d_x" ? ["d_x", "d_y"] : [name])] };
    }

    public IReadOnlyDictionary<string, double> Run(ExperimentContext context, CancellationToken cancellationToken) =>
        Execute(context, exportDirectory: null, cancellationToken);

    /// <summary>Runs the point and writes each modality's training sample (with labels), Fisher basis and learned map.</summary>
    public IReadOnlyList<string> ExportData(ExperimentContext context, string directory, CancellationToken cancellationToken)
    {
        Execute(context, directory, cancellationToken);
        return ["train_x.csv", "train_y.csv", "fisher_x.csv", "fisher_y.csv", "map_x.csv", "map_y.csv"];
    }

    private static Dictionary<string, double> Execute(ExperimentContext context, string? exportDirectory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var p = context.Parameters;
        var r = (int)p.GetInt("r");
        var method = p.GetString("method");
        GmmSpec Spec(string dim) => new((int)p.GetInt(dim), (int)p.GetInt("k"), p.GetDouble("condition"),
            p.GetDouble("separation"), (int)p.GetInt("noise_dims"), p.GetDouble("noise_var"));

        var phases = new PhaseClock();
        using var run = TorchRun.Start(context);
        var (device, dataGenerator, modelGenerator) = (run.Device, run.Data, run.Model);
        using var mx = GaussianMixture.Create(Spec("d_x"), dataGenerator);
        using var my = GaussianMixture.Create(Spec("d_y"), dataGenerator);
        var (x, labels) = mx.Sample(p.GetInt("n_train"), dataGenerator);
        var labelsY = my.CoupledLabels(labels, p.GetDouble("noise"), dataGenerator);
        var y = my.SampleGiven(labelsY, dataGenerator);
        phases.Lap("data");

        var metrics = new Dictionary<string, double>(StringComparer.Ordinal);
        var k = mx.Spec.K;
        (Tensor A, Tensor B) maps;
        switch (method)
        {
            case "clip":
                using (var fx = mx.FisherBasis())
                using (var fy = my.FisherBasis())
                {
                    // eval_every: each modality's subspace distance as the maps train, in the learning curve.
                    // partners: redraw pairs each x with a fresh y of a freshly coupled label every epoch.
                    Func<int, Tensor>? redraw = GmmParameters.Redraws(p)
                        ? _ => my.SampleGiven(my.CoupledLabels(labels, p.GetDouble("noise"), dataGenerator), dataGenerator)
                        : null;
                    var trained = LinearInfoNce.Train(x, y, GmmParameters.InfoNce(p, r, twoTower: true), modelGenerator, device,
                        (a, b) => new Dictionary<string, double> { ["subspace_distance_x"] = Subspaces.Distance(fx, a), ["subspace_distance_y"] = Subspaces.Distance(fy, b) },
                        redraw, context.Progress, cancellationToken);
                    maps = (trained.Map, trained.PartnerMap);
                    metrics["final_loss"] = trained.FinalLoss;
                }
                break;
            case "lda":
                maps = (LinearDiscriminant.Fit(x, labels, k, r), LinearDiscriminant.Fit(y, labelsY, k, r));
                break;
            case "pca":
                maps = (PrincipalComponents.Fit(x, r), PrincipalComponents.Fit(y, r));
                break;
            case "fisher":
                maps = (mx.FisherBasis(), my.FisherBasis());
                break;
            case "random":
                maps = (randn(r, mx.Spec.D, dtype: float64, generator: modelGenerator), randn(r, my.Spec.D, dtype: float64, generator: modelGenerator));
                break;
            default:
                throw new ArgumentException($"method: '{method}' is not one of {string.Join(", ", MethodNames)}", nameof(context));
        }

        cancellationToken.ThrowIfCancellationRequested();
        phases.Lap("train");
        Measure(metrics, "x", mx, maps.A, r);
        Measure(metrics, "y", my, maps.B, r);
        phases.Lap("eval");
        phases.AddTo(metrics);
        if (exportDirectory is not null)
        {
            CsvMatrix.Write(Path.Combine(exportDirectory, "train_x.csv"), x, labels);
            CsvMatrix.Write(Path.Combine(exportDirectory, "train_y.csv"), y, labelsY);
            CsvMatrix.Write(Path.Combine(exportDirectory, "fisher_x.csv"), mx.FisherBasis());
            CsvMatrix.Write(Path.Combine(exportDirectory, "fisher_y.csv"), my.FisherBasis());
            CsvMatrix.Write(Path.Combine(exportDirectory, "map_x.csv"), maps.A);
            CsvMatrix.Write(Path.Combine(exportDirectory, "map_y.csv"), maps.B);
        }
        return metrics;
    }

    private static void Measure(Dictionary<string, double> metrics, string modality, GaussianMixture mixture, Tensor map, int r)
    {
        using var scope = NewDisposeScope();
        var between = mixture.BetweenScatter();
        metrics[$"subspace_distance_{modality}"] = Subspaces.Distance(mixture.FisherBasis(), map);
        metrics[$"fisher_ratio_rel_{modality}"] = Subspaces.FisherCriterion(map, mixture.Covariance, between)
            / Subspaces.OptimalFisherCriterion(mixture.Covariance, between, r);
        metrics[$"noise_energy_{modality}"] = Subspaces.EnergyShare(map, mixture.NoiseBasis());
    }
}
