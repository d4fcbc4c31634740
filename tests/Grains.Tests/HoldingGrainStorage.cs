using Orleans.Storage;

namespace ContrastiveOrleans.Grains.Tests;

/// <summary>The engine tests' sweep state storage: Orleans' memory storage, with writes a test can hold (<see cref="WriteHolds"/>).</summary>
public sealed class HoldingGrainStorage(IGrainStorage inner, WriteHolds holds) : IGrainStorage
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ReadStateAsync(stateName, grainId, grainState);

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await holds.Pass(stateName, grainId.Key.ToString()!).ConfigureAwait(false);
        await inner.WriteStateAsync(stateName, grainId, grainState).ConfigureAwait(false);
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ClearStateAsync(stateName, grainId, grainState);
}
