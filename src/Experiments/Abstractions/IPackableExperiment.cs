namespace ContrastiveOrleans.Experiments.Abstractions;

/// <summary>
/// An experiment whose points of equal tensor shapes can train together as one batched program (stacked parameters,
/// batched products, per-point optimiser state): small points are per-operation-overhead bound, so K of them cost
/// little more than one, and on a GPU packing is what lets small points fill the device. Each point keeps its own
/// random streams, drawn exactly as when it runs alone, its own result and its own failure.
/// </summary>
public interface IPackableExperiment : IExperiment
{
    /// <summary>
    /// Points with equal keys can run as one program: the key names everything that shapes the program (dimensions,
    /// batch, epochs, optimiser kind), not what may differ per point (seed, data parameters, learning rate,
    /// temperature). Null: this point always runs alone.
    /// </summary>
    string? PackKey(ParameterSet parameters);

    /// <summary>The most points of these parameters one program may hold (its memory is about this many points').</summary>
    int PackLimit(ParameterSet parameters);

    /// <summary>
    /// Runs the points together. Outcome i is contexts[i]'s: its metrics, or what it failed with, which fails that
    /// point alone. Throws only when the program as a whole could not run (the caller then runs each point alone).
    /// </summary>
    IReadOnlyList<PackedOutcome> RunPacked(IReadOnlyList<ExperimentContext> contexts, CancellationToken cancellationToken);
}
