namespace ContrastiveOrleans.Experiments.Abstractions;

/// <summary>Returns at once: measures the engine's per-point overhead. Optional sleep and failure for engine tests.</summary>
public sealed class BenchNoopExperiment : IExperiment
{
    public string Name => "bench-noop";
    public string Version => "1";
    public string Description => "Does nothing; for measuring per-point overhead of the sweep engine.";
    public bool UsesTorch => false;

    public IReadOnlyList<ParameterSpec> Parameters { get; } =
    [
        new("x", ParameterKind.Number, 0.0, "Any number; echoed as the metric 'value'."),
        new("sleep_ms", ParameterKind.Integer, 0L, "Milliseconds to block the worker (simulates work).", Min: 0, Max: 600_000),
        new("fail", ParameterKind.Boolean, false, "Fail the point on purpose (tests failure handling)."),
    ];

    public IReadOnlyList<string> Metrics { get; } = ["value", "seed"];

    public IReadOnlyList<string> ValidateCombination(ParameterSet parameters) => [];

    public IReadOnlyDictionary<string, double> Run(ExperimentContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var p = context.Parameters;
        if (p.GetInt("sleep_ms") > 0)
        {
            cancellationToken.WaitHandle.WaitOne(TimeSpan.FromMilliseconds(p.GetInt("sleep_ms")));
            cancellationToken.ThrowIfCancellationRequested();
        }
        if (p.GetBool("fail")) throw new ExperimentFailedException("failed on purpose (fail: true)");
        return new Dictionary<string, double>
        {
            ["value"] = p.GetDouble("x"),
            ["seed"] = context.Seed,
        };
    }
}
