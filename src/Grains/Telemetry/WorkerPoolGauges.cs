using System.Collections.Concurrent;
using ContrastiveOrleans.Grains.Workers;

namespace ContrastiveOrleans.Grains.Telemetry;

/// <summary>
/// The live worker pools of this process, summed by the observable gauges. A process normally hosts one silo (one
/// pool); tests may host several, whose sum is then the process's load.
/// </summary>
internal static class WorkerPoolGauges
{
    private static readonly ConcurrentDictionary<WorkerPool, byte> Pools = new();

    public static void Register(WorkerPool pool)
    {
        Pools.TryAdd(pool, 0);
        // The gauges are static members of ContrastiveTelemetry: touching it creates them with the first pool.
        _ = ContrastiveTelemetry.Meter;
    }

    public static void Unregister(WorkerPool pool) => Pools.TryRemove(pool, out _);

    public static int Active => Pools.Keys.Sum(p => p.Active);

    public static int Queued => Pools.Keys.Sum(p => p.Queued);

    public static int Slots => Pools.Keys.Sum(p => p.Slots);
}
