using ContrastiveOrleans.Grains.Resilience;
using Microsoft.Extensions.Logging;
using Polly;

namespace ContrastiveOrleans.Grains.Durability;

/// <summary>
/// Writes a grain's persistent state one write at a time: two overlapping writes would race on the ETag. A write
/// that fails (storage unreachable) is retried (<see cref="GrainResilience.StateWriteOptions"/>) until it succeeds;
/// requests made meanwhile collapse into one further write of the latest state. Must be used from the grain's own
/// scheduler.
/// </summary>
public sealed class SerializedStateWriter(Func<Task> write, ILogger logger)
{
    private readonly ResiliencePipeline _retry = GrainResilience.Pipeline(GrainResilience.StateWriteOptions(logger));
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
        while (_dirty)
        {
            // Cleared before the write: a change made while it is in flight marks it dirty again for one more write.
            await _retry.OnGrain(async _ =>
            {
                _dirty = false;
                try
                {
                    await write().ConfigureAwait(true);
                }
                catch
                {
                    _dirty = true;
                    throw;
                }
            }, CancellationToken.None).ConfigureAwait(true);
        }
    }
}
