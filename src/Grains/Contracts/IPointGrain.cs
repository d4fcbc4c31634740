namespace ContrastiveOrleans.Grains.Contracts;

/// <summary>One content-addressed point (key: point id). Reuses a stored done result, otherwise computes it.</summary>
public interface IPointGrain : IGrainWithStringKey
{
    /// <summary>
    /// Training can take far longer than Orleans' 30 s default response timeout. Cancelling the token (Orleans carries
    /// it to the silo running the point) stops a running experiment; the result then has status cancelled.
    /// </summary>
    [ResponseTimeout("7.00:00:00")]
    Task<PointResult> Run(PointRequest request, CancellationToken cancellationToken = default);
}
