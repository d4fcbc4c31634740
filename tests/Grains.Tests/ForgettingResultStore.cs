using System.Collections.Concurrent;
using ContrastiveOrleans.Grains.Contracts;
using ContrastiveOrleans.Grains.Storage;

namespace ContrastiveOrleans.Grains.Tests;

/// <summary>
/// The engine tests' store: the file store, except that a result a test tells it to forget reads as absent until it
/// is put again, as after a storage emulator that restarted without its data.
/// </summary>
public sealed class ForgettingResultStore(IResultStore inner) : IResultStore
{
    private readonly ConcurrentDictionary<string, byte> _forgotten = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _puts = new(StringComparer.Ordinal);

    public void Forget(string pointId) => _forgotten[pointId] = 0;

    /// <summary>Times a result was put (by any sweep) since the fixture started.</summary>
    public int Puts(string pointId) => _puts.GetValueOrDefault(pointId);

    public async Task<PointResult?> TryGet(string pointId, CancellationToken cancellationToken) =>
        _forgotten.ContainsKey(pointId) ? null : await inner.TryGet(pointId, cancellationToken);

    public async Task<IReadOnlyList<PointResult?>> TryGetMany(IReadOnlyList<string> pointIds, CancellationToken cancellationToken)
    {
        var found = await inner.TryGetMany(pointIds, cancellationToken);
        return [.. found.Select((result, i) => _forgotten.ContainsKey(pointIds[i]) ? null : result)];
    }

    public async Task Put(PointResult result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        await inner.Put(result, cancellationToken);
        _puts.AddOrUpdate(result.Id, 1, (_, n) => n + 1);
        _forgotten.TryRemove(result.Id, out _);
    }
}
