using Orleans.Concurrency;

namespace ContrastiveOrleans.Grains.Contracts;

/// <summary>One content-addressed point (key: point id). Reuses a stored done result, otherwise computes it.</summary>
public interface IPointGrain : IGrainWithStringKey
{
    /// <summary>Training can take far longer than Orleans' 30 s default response timeout.</summary>
    [ResponseTimeout("7.00:00:00")]
    Task<PointResult> Run(PointRequest request);

    /// <summary>Interleaves with a running <see cref="Run"/> so it can cancel it.</summary>
    [AlwaysInterleave]
    Task Cancel();
}
