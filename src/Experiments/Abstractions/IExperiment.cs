namespace ContrastiveOrleans.Experiments.Abstractions;

/// <summary>
/// One kind of sweep point: a named, versioned computation from parameters and a seed to named metrics. Runs are
/// synchronous and CPU/GPU bound: callers run them on worker threads, never on a scheduler.
/// </summary>
public interface IExperiment
{
    /// <summary>Name used in sweep files, e.g. "gmm-contrastive".</summary>
    string Name { get; }

    /// <summary>Changes whenever the same parameters could give different numbers; part of every point id.</summary>
    string Version { get; }

    string Description { get; }

    IReadOnlyList<ParameterSpec> Parameters { get; }

    /// <summary>
    /// Whether runs need libtorch; the worker pool configures torch's threads only for those, so an experiment that
    /// does not use it (bench-noop) measures the engine without loading the native library.
    /// </summary>
    bool UsesTorch => true;

    /// <summary>Metric names a successful run reports (curves may only name these).</summary>
    IReadOnlyList<string> Metrics { get; }

    /// <summary>Metrics a run reports during training (in <see cref="TrainingProgress.Metrics"/>, when the run's
    /// parameters ask for evaluations): those an early-stopping rule can act on.</summary>
    IReadOnlyList<string> EvaluatedDuringTraining => [];

    /// <summary>Each metric's meaning, range and which way is better (`list-experiments`, plots, `best`).</summary>
    IReadOnlyList<MetricSpec> MetricSpecs => [.. Metrics.Select(MetricCatalog.Describe)];

    /// <summary>
    /// Cross-parameter checks on a set whose names, types and ranges already passed the schema (e.g. r ≤ d).
    /// Each error names the field: "r: 30 exceeds d = 20".
    /// </summary>
    IReadOnlyList<string> ValidateCombination(ParameterSet parameters);

    /// <summary>
    /// Peak memory of one run with these (resolved) parameters, checked against the machine before a sweep starts so
    /// a point that cannot fit is refused up front instead of swapping or being killed an hour in.
    /// </summary>
    MemoryEstimate EstimateMemory(ParameterSet parameters) => MemoryEstimate.None;

    /// <summary>
    /// Parameters a run with these (resolved) parameters does not read (a baseline ignores the training knobs): they
    /// are left out of its point id, so a sweep over them computes the baseline once and reuses it for every value.
    /// </summary>
    IReadOnlyCollection<string> IgnoredParameters(ParameterSet parameters) => [];

    /// <summary>Runs once. Throws <see cref="ExperimentFailedException"/> for a failed run (e.g. divergence).</summary>
    IReadOnlyDictionary<string, double> Run(ExperimentContext context, CancellationToken cancellationToken);
}
