using ContrastiveOrleans.Grains.Contracts;

namespace ContrastiveOrleans.Grains.Storage;

/// <summary>Content-addressed results by point id, shared by every sweep that runs on the same store.</summary>
public interface IResultStore
{
    /// <summary>The stored result of a point, or null when there is none (or it cannot be read).</summary>
    Task<PointResult?> TryGet(string pointId, CancellationToken cancellationToken);

    /// <summary>Stores (or replaces) a result; putting the same result twice is harmless.</summary>
    Task Put(PointResult result, CancellationToken cancellationToken);

    /// <summary>
    /// The stored results of many points, in the order asked (null where there is none): a page of an output directory
    /// in one pass, so stores can read neighbouring results together instead of one request each.
    /// </summary>
    async Task<IReadOnlyList<PointResult?>> TryGetMany(IReadOnlyList<string> pointIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pointIds);
        var results = new PointResult?[pointIds.Count];
        for (var i = 0; i < results.Length; i++) results[i] = await TryGet(pointIds[i], cancellationToken).ConfigureAwait(false);
        return results;
    }
}
