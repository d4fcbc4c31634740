using System.Collections.Immutable;

namespace ContrastiveOrleans.Grains.Contracts;

/// <summary>A snapshot the client polls; counts are of distinct points.</summary>
/// <param name="Done">Finished successfully, including those reused from the store (<paramref name="Cached"/>).</param>
/// <param name="Skipped">Never run because the sweep was cancelled (or cancelled while running).</param>
/// <param name="Running">Points in flight: at most <paramref name="Slots"/> of them execute, the rest wait for a worker.</param>
/// <param name="Slots">Worker slots of the cluster (0 when unknown).</param>
/// <param name="Stopped">Ended early by the search's stopping rule (median): finished, not done.</param>
/// <param name="Search">An adaptive search's state (null for grid and random).</param>
/// <param name="Kinds">Finished points and their run time by cost kind, for an ETA that weighs each kind by its cost.</param>
[GenerateSerializer, Immutable]
public sealed record SweepProgress(
    [Id(0)] SweepState State,
    [Id(1)] long Total,
    [Id(2)] long Pending,
    [Id(3)] long Running,
    [Id(4)] long Done,
    [Id(5)] long Failed,
    [Id(6)] long Cached,
    [Id(7)] long Skipped,
    [Id(8)] DateTimeOffset StartedAt,
    [Id(9)] DateTimeOffset? FinishedAt,
    [Id(10)] long Slots = 0,
    [Id(11)] ImmutableArray<KindProgress> Kinds = default,
    [Id(12)] long Stopped = 0,
    [Id(13)] SearchStatus? Search = null)
{
    /// <summary>Points executing on a worker now: those in flight, up to the slots.</summary>
    public long Executing => Slots > 0 ? Math.Min(Running, Slots) : Running;

    public bool IsFinal => State is SweepState.Completed or SweepState.Cancelled;

    public long Finished => Done + Failed + Stopped;
}
