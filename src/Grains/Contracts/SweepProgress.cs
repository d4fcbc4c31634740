namespace ContrastiveOrleans.Grains.Contracts;

/// <summary>A snapshot the client polls.</summary>
/// <param name="Done">Finished successfully, including those reused from the store (<paramref name="Cached"/>).</param>
/// <param name="Skipped">Never run because the sweep was cancelled (or cancelled while running).</param>
[GenerateSerializer, Immutable]
public sealed record SweepProgress(
    SweepState State,
    int Total,
    int Pending,
    int Running,
    int Done,
    int Failed,
    int Cached,
    int Skipped,
    DateTimeOffset StartedAt,
    DateTimeOffset? FinishedAt)
{
    public bool IsFinal => State is SweepState.Completed or SweepState.Cancelled;

    public int Finished => Done + Failed;
}
