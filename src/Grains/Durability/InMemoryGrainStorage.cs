using System.Collections.Concurrent;
using Orleans.Storage;

namespace ContrastiveOrleans.Grains.Durability;

/// <summary>
/// The fallback for <see cref="SweepStorage.ProviderName"/> when a host configures no durable storage (the embedded
/// silo, tests): state survives deactivation but not the process, which is all a single silo can offer anyway.
/// Orleans' own memory storage can only be added through a silo builder; this keeps AddContrastiveSweeps self-contained.
/// </summary>
public sealed class InMemoryGrainStorage : IGrainStorage
{
    private readonly ConcurrentDictionary<(string Type, GrainId Id), (object State, string ETag)> _states = new();

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        if (_states.TryGetValue((stateName, grainId), out var stored))
        {
            grainState.State = (T)stored.State;
            grainState.ETag = stored.ETag;
            grainState.RecordExists = true;
        }
        return Task.CompletedTask;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var etag = Guid.NewGuid().ToString("N");
        _states[(stateName, grainId)] = (grainState.State!, etag);
        grainState.ETag = etag;
        grainState.RecordExists = true;
        return Task.CompletedTask;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        _states.TryRemove((stateName, grainId), out _);
        grainState.ETag = null;
        grainState.RecordExists = false;
        return Task.CompletedTask;
    }
}
