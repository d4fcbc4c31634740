using ContrastiveOrleans.Grains.Contracts;

namespace ContrastiveOrleans.Grains.Durability;

/// <summary>
/// The persisted state of a sweep grain: enough to resume after the silo hosting it dies. Pending and running points
/// are not stored; on reactivation every point without a result is dispatched again (point grains reuse stored results,
/// so a point that finished but was not yet recorded here costs one cache lookup, never a second computation).
/// </summary>
[GenerateSerializer]
public sealed class SweepRecord
{
    [Id(0)]
    public SweepDefinition? Definition { get; set; }

    [Id(1)]
    public SweepState State { get; set; } = SweepState.NotStarted;

    /// <summary>Finished results (done or failed), one per point id, in completion order.</summary>
    [Id(2)]
    public List<PointResult> Results { get; set; } = [];

    [Id(3)]
    public int Skipped { get; set; }

    [Id(4)]
    public DateTimeOffset StartedAt { get; set; }

    [Id(5)]
    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>W3C id of the context the sweep was submitted under: a resumed sweep's span joins that trace.</summary>
    [Id(6)]
    public string? TraceParent { get; set; }

    /// <summary>W3C id of the first sweep span, which died with its silo if the sweep was resumed: linked, not lost.</summary>
    [Id(7)]
    public string? FirstSpan { get; set; }
}
