using System.Collections.Immutable;

namespace ContrastiveOrleans.Grains.Contracts;

/// <summary>
/// Dispatches one index range of a sweep (key: "{run id}/{shard}") with bounded concurrency and persists only compact
/// progress (a frontier below which every point is recorded, and the few recorded beyond it); results live in the
/// result store. Reactivated after its silo dies, it dispatches exactly what has no result.
/// </summary>
public interface ISweepShardGrain : IGrainWithStringKey
{
    /// <summary>Starts (or, when already running, keeps running) and returns at once; also the root's keep-alive.</summary>
    Task<ShardProgress> Run(ShardAssignment assignment, CancellationToken cancellationToken = default);

    Task<ShardProgress> GetProgress(CancellationToken cancellationToken = default);

    /// <summary>Stops dispatching; returns once every running point has stopped (finished ones are recorded).</summary>
    Task<ShardProgress> Cancel(CancellationToken cancellationToken = default);

    /// <summary>Recorded results in index order from <paramref name="from"/>, read back from the result store.</summary>
    Task<ResultPage> GetResults(long from, int maxCount, CancellationToken cancellationToken = default);

    /// <summary>The exact curve and claim folds of the shard's done results (rebuilt from the store after a reactivation).</summary>
    Task<ShardFold> GetFold(CancellationToken cancellationToken = default);

    Task<ImmutableArray<PointResult>> GetFailures(int maxCount, CancellationToken cancellationToken = default);
}
