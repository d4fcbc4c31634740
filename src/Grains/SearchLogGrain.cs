using System.Collections.Immutable;
using ContrastiveOrleans.Grains.Contracts;
using ContrastiveOrleans.Grains.Durability;

namespace ContrastiveOrleans.Grains;

/// <summary>A segment of an adaptive search's log, persisted as it is written (see <see cref="ISearchLogGrain"/>).</summary>
public sealed class SearchLogGrain(
    [PersistentState("search-log", SweepStorage.ProviderName)] IPersistentState<SearchLogState> segment) : Grain, ISearchLogGrain
{
    public async Task Write(ImmutableArray<SearchEvent> events, CancellationToken cancellationToken = default)
    {
        if (events.Length > ISearchLogGrain.Size) throw new ArgumentException($"a segment holds at most {ISearchLogGrain.Size} events", nameof(events));
        segment.State.Events = [.. events];
        // Not the caller's token: a write that has begun is let finish, so the segment is never half-replaced.
        await segment.WriteStateAsync(CancellationToken.None).ConfigureAwait(true);
    }

    public Task<ImmutableArray<SearchEvent>> Read(CancellationToken cancellationToken = default) => Task.FromResult(segment.State.Events.ToImmutableArray());
}
