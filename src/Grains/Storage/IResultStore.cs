using ContrastiveOrleans.Grains.Contracts;

namespace ContrastiveOrleans.Grains.Storage;

/// <summary>Content-addressed results by point id, shared by every sweep that runs on the same store.</summary>
public interface IResultStore
{
    /// <summary>The stored result of a point, or null when there is none (or it cannot be read).</summary>
    Task<PointResult?> TryGet(string pointId, CancellationToken cancellationToken);

    /// <summary>Stores (or replaces) a result; putting the same result twice is harmless.</summary>
    Task Put(PointResult result, CancellationToken cancellationToken);
}
