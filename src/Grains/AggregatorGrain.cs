using ContrastiveOrleans.Sweeps;
using System.Collections.Immutable;
using ContrastiveOrleans.Grains.Contracts;
using ContrastiveOrleans.Grains.Stats;

namespace ContrastiveOrleans.Grains;

/// <summary>Folds a sweep's done results into curve statistics as they arrive (the fold is <see cref="CurveAggregator"/>).</summary>
public sealed class AggregatorGrain : Grain, IAggregatorGrain
{
    private CurveAggregator _aggregator = new([]);

    public Task Configure(ImmutableArray<CurveSpec> curves, CancellationToken cancellationToken = default)
    {
        _aggregator = new CurveAggregator(curves);
        return Task.CompletedTask;
    }

    public Task Add(ImmutableArray<PointResult> results, CancellationToken cancellationToken = default)
    {
        foreach (var result in results) _aggregator.Add(result);
        return Task.CompletedTask;
    }

    public Task<ImmutableArray<CurveRow>> GetCurves(CancellationToken cancellationToken = default) => Task.FromResult(_aggregator.Rows().ToImmutableArray());

    public static string Text(object value) => CurveAggregator.Text(value);
}
