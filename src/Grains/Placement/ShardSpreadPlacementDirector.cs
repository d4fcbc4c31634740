using Orleans.Runtime.Placement;

namespace ContrastiveOrleans.Grains.Placement;

/// <summary>
/// Shard k of a sweep goes to the k-th compatible silo after the placing silo, in address order. The placing silo is
/// the caller's: the root's for a start or keep-alive, so a shard lost with its silo is placed again among the survivors
/// the same way. A key without a shard index (not a shard's) is placed at random, as Orleans' default does.
/// </summary>
public sealed class ShardSpreadPlacementDirector : IPlacementDirector
{
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Task.FromResult(Choose(context.GetCompatibleSilos(target), context.LocalSilo, target.GrainIdentity.Key.ToString()));
    }

    /// <summary>The silo for the grain keyed <paramref name="key"/> placed from <paramref name="local"/>.</summary>
    public static SiloAddress Choose(IReadOnlyList<SiloAddress> compatible, SiloAddress local, string key)
    {
        ArgumentNullException.ThrowIfNull(compatible);
        ArgumentNullException.ThrowIfNull(key);
        if (compatible.Count == 0) throw new OrleansException($"No compatible silo for shard {key}.");
        if (compatible.Count == 1) return compatible[0];
        if (!SweepGrain.TryShardIndex(key, out var shard)) return compatible[Random.Shared.Next(compatible.Count)];
        // Sorted so that every silo computes the same ring; a placing silo outside it (a gateway without the grain's
        // type) starts at the first.
        var ring = compatible.Order().ToArray();
        var start = Array.IndexOf(ring, local) + 1;
        return ring[(int)((start + (long)shard) % ring.Length)];
    }
}
