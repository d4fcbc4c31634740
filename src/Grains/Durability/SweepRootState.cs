using ContrastiveOrleans.Grains.Contracts;

namespace ContrastiveOrleans.Grains.Durability;

/// <summary>
/// The persisted state of a sweep's root: lifecycle and shard bookkeeping, rewritten as shards start and finish.
/// Constant in size: the shards that finished are summed into counters, only the running ones are listed, and the
/// definition (the resolved sweep file, however long) lives in its own record, written once
/// (<see cref="SweepDefinitionState"/>).
/// </summary>
/// <remarks>Id 0 (the definition, before it moved to its own record) is retired.</remarks>
[GenerateSerializer]
public sealed class SweepRootState
{
    [Id(1)]
    public SweepState State { get; set; } = SweepState.NotStarted;

    /// <summary>Distinct points of the sweep.</summary>
    [Id(2)]
    public long Count { get; set; }

    [Id(3)]
    public long IndexCount { get; set; }

    [Id(4)]
    public long ShardSize { get; set; }

    [Id(5)]
    public int ShardCount { get; set; }

    /// <summary>Shards [0, NextShard) have been started.</summary>
    [Id(6)]
    public int NextShard { get; set; }

    /// <summary>Started shards that have not reported the end of their range.</summary>
    [Id(7)]
    public List<int> Active { get; set; } = [];

    /// <summary>Sums over the shards that finished.</summary>
    [Id(8)]
    public long Done { get; set; }

    [Id(9)]
    public long Failed { get; set; }

    [Id(10)]
    public long Cached { get; set; }

    [Id(11)]
    public long Skipped { get; set; }

    [Id(12)]
    public DateTimeOffset StartedAt { get; set; }

    [Id(13)]
    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>W3C id of the context the sweep was submitted under: a resumed sweep's span joins that trace.</summary>
    [Id(14)]
    public string? TraceParent { get; set; }

    /// <summary>W3C id of the first sweep span, which died with its silo if the sweep was resumed: linked, not lost.</summary>
    [Id(15)]
    public string? FirstSpan { get; set; }

    /// <summary>Points an adaptive search stopped early (median).</summary>
    [Id(16)]
    public long Stopped { get; set; }

    /// <summary>The resource (e.g. epochs) an adaptive search's points trained for, summed.</summary>
    [Id(17)]
    public double ResourceSpent { get; set; }
}
