using Microsoft.Extensions.Logging;

namespace ContrastiveOrleans.Grains.Durability;

/// <summary>
/// Writes a grain's persistent state one write at a time: two overlapping writes would race on the ETag. A write
/// that fails (storage unreachable) is retried with exponential backoff until it succeeds; requests made meanwhile
/// collapse into one further write of the latest state. Must be used from the grain's own scheduler.
/// </summary>
public sealed partial class SerializedStateWriter(Func<Task> write, ILogger logger, TimeSpan maxBackoff)
{
    private Task _tail = Task.CompletedTask;
    private bool _dirty;

    public bool IsDirty => _dirty;

    /// <summary>Marks the state changed without writing now (a periodic <see cref="FlushAsync"/> picks it up).</summary>
    public void MarkDirty() => _dirty = true;

    /// <summary>Completes once the state as of this call is stored.</summary>
    public Task FlushAsync()
    {
        _dirty = true;
        _tail = WriteAfter(_tail);
        return _tail;
    }

    /// <summary>Writes only if something changed since the last write.</summary>
    public Task FlushIfDirtyAsync() => _dirty ? FlushAsync() : _tail;

    private async Task WriteAfter(Task previous)
    {
        await previous.ConfigureAwait(true);
        var delay = TimeSpan.FromMilliseconds(200);
        while (_dirty)
        {
            _dirty = false;
            try
            {
                await write().ConfigureAwait(true);
            }
#pragma warning disable CA1031 // Any storage failure is retried; the state stays in memory meanwhile.
            catch (Exception e)
#pragma warning restore CA1031
            {
                _dirty = true;
                LogWriteFailed(logger, delay.TotalSeconds, e.GetType().Name, e.Message);
                await Task.Delay(delay).ConfigureAwait(true);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, maxBackoff.Ticks));
            }
        }
    }

    // Only the exception's type and message: never its inner details, which can carry request URIs.
    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not store sweep state ({Error}: {Reason}); retrying in {Seconds} s")]
    private static partial void LogWriteFailed(ILogger logger, double seconds, string error, string reason);
}
