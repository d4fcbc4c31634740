using ContrastiveOrleans.Sweeps;
using System.Collections.Immutable;

namespace ContrastiveOrleans.Grains.Contracts;

/// <summary>Folds a sweep's results into curve statistics as they arrive (key: sweep run id).</summary>
public interface IAggregatorGrain : IGrainWithStringKey
{
    Task Configure(ImmutableArray<CurveSpec> curves, CancellationToken cancellationToken = default);

    /// <summary>Folds a batch of results (the sweep grain sends what arrived while the previous batch was in flight).</summary>
    Task Add(ImmutableArray<PointResult> results, CancellationToken cancellationToken = default);

    Task<ImmutableArray<CurveRow>> GetCurves(CancellationToken cancellationToken = default);
}
