using ContrastiveOrleans.Experiments.Abstractions;

namespace ContrastiveOrleans.Telemetry.Tests;

/// <summary>
/// Test-only experiment reporting <c>steps</c> training steps with loss 1/step, so training metrics have values known
/// in advance without loading libtorch.
/// </summary>
internal sealed class ProbeExperiment : IExperiment
{
    public const string ExperimentName = "telemetry-probe";

    public const double TrainMs = 7.0;

    public static ExperimentCatalog Catalog { get; } = new(ExperimentCatalog.Default.All.Append(new ProbeExperiment()));

    public string Name => ExperimentName;
    public string Version => "1";
    public string Description => "Reports steps as training progress; fails on request.";

    public IReadOnlyList<ParameterSpec> Parameters { get; } =
    [
        new("x", ParameterKind.Number, 0.0, "Distinguishes points."),
        new("steps", ParameterKind.Integer, 0L, "Progress reports 1..steps.", Min: 0, Max: 100_000),
        new("fail", ParameterKind.Boolean, false, "Fail after reporting progress."),
    ];

    public IReadOnlyList<string> Metrics { get; } = ["value", "train_ms"];

    public IReadOnlyList<string> ValidateCombination(ParameterSet parameters) => [];

    public IReadOnlyDictionary<string, double> Run(ExperimentContext context, CancellationToken cancellationToken)
    {
        var steps = context.Parameters.GetInt("steps");
        for (var step = 1L; step <= steps; step++) context.Progress?.Report(new TrainingProgress(step, steps, 1.0 / step));
        if (context.Parameters.GetBool("fail")) throw new ExperimentFailedException("failed on purpose");
        // A phase time known in advance: the run span carries it.
        return new Dictionary<string, double> { ["value"] = context.Parameters.GetDouble("x"), ["train_ms"] = TrainMs };
    }
}
