using System.Runtime.CompilerServices;
using ContrastiveOrleans.Grains.Contracts;

namespace ContrastiveOrleans.Grains.Storage;

/// <summary>
/// Results read back from the store in pages: how a shard and an adaptive search check, before they report, that every
/// point they recorded reached the store, and how a search rebuilds its counts on reactivation. A page at a time, so
/// the memory is one page whatever the sweep's size.
/// </summary>
internal static class StoredResults
{
    /// <summary>Ids per read: one batched request of either store.</summary>
    public const int PageSize = 2048;

    /// <summary>Each item in order with its stored result, or null where the store has none.</summary>
    public static async IAsyncEnumerable<(T Item, PointResult? Result)> Read<T>(IResultStore store, IEnumerable<T> items, Func<T, string> id,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(id);
        var page = new List<T>(PageSize);
        using var source = items.GetEnumerator();
        var more = true;
        while (more)
        {
            page.Clear();
            while (page.Count < PageSize && (more = source.MoveNext())) page.Add(source.Current);
            if (page.Count == 0) yield break;
            // On the caller's scheduler (a grain's): its state is read and written between the pages.
            var found = await store.TryGetMany([.. page.Select(id)], cancellationToken).ConfigureAwait(true);
            for (var i = 0; i < page.Count; i++) yield return (page[i], found[i]);
        }
    }
}
