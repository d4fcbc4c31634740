namespace ContrastiveOrleans.Experiments.Abstractions;

/// <summary>Everything one run of an experiment gets besides its parameters' schema.</summary>
/// <param name="Parameters">Validated parameters with defaults filled in.</param>
/// <param name="Seed">Seeds every random draw of the run (data, initialisation, batches).</param>
/// <param name="Device">"cpu" or "cuda" (already resolved from "auto").</param>
/// <param name="Threads">Intra-op threads the run may use.</param>
/// <param name="Progress">Receives training progress; may be null.</param>
public sealed record ExperimentContext(
    ParameterSet Parameters,
    int Seed,
    string Device = "cpu",
    int Threads = 1,
    IProgress<TrainingProgress>? Progress = null);
