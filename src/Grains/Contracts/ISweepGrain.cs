using System.Collections.Immutable;

namespace ContrastiveOrleans.Grains.Contracts;

/// <summary>
/// The root of one submitted sweep (key: sweep run id). It splits the sweep's index range into shards
/// (<see cref="ISweepShardGrain"/>), keeps enough of them running to fill the cluster's worker slots, and sums their
/// progress; it holds no point and no result.
/// </summary>
public interface ISweepGrain : IGrainWithStringKey
{
    /// <summary>
    /// Starts dispatching and returns at once; poll <see cref="GetProgress"/>. The token covers the submission only: a
    /// started sweep runs until <see cref="Cancel"/>, whoever watches it. A sweep this silo cannot run (its file does
    /// not parse here, or its largest point exceeds the memory budget) is refused with an ArgumentException.
    /// </summary>
    Task<SweepProgress> Start(SweepDefinition definition, CancellationToken cancellationToken = default);

    Task<SweepProgress> GetProgress(CancellationToken cancellationToken = default);

    /// <summary>Stops dispatching and cancels running points; finished results are kept.</summary>
    Task<SweepProgress> Cancel(CancellationToken cancellationToken = default);

    /// <summary>Finished results (done or failed) in sweep order from index <paramref name="from"/> on.</summary>
    Task<ResultPage> GetResults(long from, int maxCount, CancellationToken cancellationToken = default);

    /// <summary>Curve rows of every result recorded so far (the live report).</summary>
    Task<ImmutableArray<CurveRow>> GetCurves(CancellationToken cancellationToken = default);

    /// <summary>The claims' folds over every done result so far (see Stats.ClaimFold), for verdicts while it runs.</summary>
    Task<ImmutableArray<ClaimFoldState>> GetClaims(CancellationToken cancellationToken = default);

    /// <summary>Up to <paramref name="maxCount"/> failed results the running shards hold (the live report).</summary>
    Task<ImmutableArray<PointResult>> GetFailures(int maxCount, CancellationToken cancellationToken = default);

    /// <summary>The definition as submitted; null for an unknown sweep.</summary>
    Task<SweepDefinition?> GetDefinition(CancellationToken cancellationToken = default);

    /// <summary>A shard ran to the end of its range (idempotent: it repeats this until it is heard).</summary>
    Task ShardFinished(ShardProgress progress, CancellationToken cancellationToken = default);
}
