using System.Collections.Immutable;
using ContrastiveOrleans.Grains.Durability;

namespace ContrastiveOrleans.Grains.Contracts;

/// <summary>
/// One segment (key: "{run id}/log/{k}") of an adaptive search's log: events k·<see cref="Size"/> onwards, at most
/// <see cref="Size"/> of them. The root rewrites only the segment its new events fall in, so a write costs the same at
/// the ten-thousandth decision as at the first.
/// </summary>
public interface ISearchLogGrain : IGrainWithStringKey
{
    public const int Size = 1024;

    /// <summary>Replaces the segment's events (a prefix of the final ones: the root only ever extends them).</summary>
    Task Write(ImmutableArray<SearchEvent> events, CancellationToken cancellationToken = default);

    Task<ImmutableArray<SearchEvent>> Read(CancellationToken cancellationToken = default);
}
