using System.Collections.Immutable;

namespace ContrastiveOrleans.Grains.Contracts;

/// <summary>Folds a sweep's results into curve statistics as they arrive (key: sweep run id).</summary>
public interface IAggregatorGrain : IGrainWithStringKey
{
    Task Configure(ImmutableArray<CurveSpec> curves);

    Task Add(PointResult result);

    Task<ImmutableArray<CurveRow>> GetCurves();
}
