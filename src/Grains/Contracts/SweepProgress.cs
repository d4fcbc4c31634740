namespace ContrastiveOrleans.Grains.Contracts;

/// <summary>A snapshot the client polls; counts are of distinct points.</summary>
/// <param name="Done">Finished successfully, including those reused from the store (<paramref name="Cached"/>).</param>
/// <param name="Skipped">Never run because the sweep was cancelled (or cancelled while running).</param>
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
    [Id(9)] DateTimeOffset? FinishedAt)
{
    public bool IsFinal => State is SweepState.Completed or SweepState.Cancelled;

    public long Finished => Done + Failed;
}
