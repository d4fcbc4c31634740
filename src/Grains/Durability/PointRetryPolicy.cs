namespace ContrastiveOrleans.Grains.Durability;

/// <summary>
/// Backoff for a point call that failed in the infrastructure (silo died, storage unreachable): 0.25 s doubling to
/// 8 s, 12 attempts (about a minute), which covers membership declaring a silo dead and a short storage outage.
/// </summary>
public sealed class PointRetryPolicy
{
    public int MaxAttempts { get; init; } = 12;

    public TimeSpan FirstDelay { get; init; } = TimeSpan.FromMilliseconds(250);

    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(8);

    public bool ShouldRetry(int attempt, out TimeSpan delay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 1);
        var ticks = FirstDelay.Ticks * Math.Pow(2, Math.Min(attempt - 1, 30));
        delay = TimeSpan.FromTicks((long)Math.Min(ticks, MaxDelay.Ticks));
        return attempt < MaxAttempts;
    }
}
