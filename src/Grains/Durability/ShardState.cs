namespace ContrastiveOrleans.Grains.Durability;

/// <summary>
/// The persisted progress of one shard: every point with index below <see cref="Frontier"/> is recorded (its result is
/// in the result store), and so are those marked in <see cref="Beyond"/>, a bitmap from the frontier on. Only points
/// that finished ahead of a slower one still running are marked, so the bitmap is usually a few bytes and never more
/// than the range / 8: a write costs the same per result whatever the sweep's size.
/// </summary>
[GenerateSerializer]
public sealed class ShardState
{
    [Id(0)]
    public long From { get; set; }

    [Id(1)]
    public long To { get; set; }

    [Id(2)]
    public bool Started { get; set; }

    [Id(3)]
    public bool Finished { get; set; }

    [Id(4)]
    public long Frontier { get; set; }

    /// <summary>Bit i set: index <see cref="Frontier"/> + i is recorded.</summary>
    [Id(5)]
    public byte[] Beyond { get; set; } = [];

    [Id(6)]
    public long Done { get; set; }

    [Id(7)]
    public long Failed { get; set; }

    [Id(8)]
    public long Cached { get; set; }

    [Id(9)]
    public int Limit { get; set; }
}
