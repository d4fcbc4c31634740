using ContrastiveOrleans.Grains.Contracts;
using ContrastiveOrleans.Grains.Storage;
using Polly;

namespace ContrastiveOrleans.Grains.Resilience;

/// <summary>
/// A sweep's call of one point grain, shared by the shards and an adaptive search's root: retried by the point-call
/// pipeline; experiment errors come back as failed results; once the retries are spent the call itself is a failed
/// point, stored like any failure (the output finds it, a later run tries it again); a call ended by the sweep's
/// cancellation is a cancelled point (never stored).
/// </summary>
internal static class PointCalls
{
    public static async Task<PointResult> Run(IGrainFactory grains, ResiliencePipeline pipeline, IResultStore store, PointRequest request,
        Func<bool> cancelled, CancellationToken cancellationToken)
    {
        var point = request.Point;
        try
        {
            return await pipeline.OnGrain(ct => grains.GetGrain<IPointGrain>(point.Id).Run(request, ct), cancellationToken).ConfigureAwait(true);
        }
        catch (Exception) when (cancelled())
        {
            return PointResult.Cancellation(point);
        }
#pragma warning disable CA1031 // The retries are spent: the point is reported failed with the reason, and the sweep goes on.
        catch (Exception e)
#pragma warning restore CA1031
        {
            var failure = PointResult.Failure(point, $"{e.GetType().Name}: {e.Message}") with { RunId = request.RunId };
            try
            {
                await store.Put(failure, CancellationToken.None).ConfigureAwait(true);
            }
#pragma warning disable CA1031 // Storage down too: the failure is still counted and shown in the live report.
            catch (Exception)
#pragma warning restore CA1031
            {
            }
            return failure;
        }
    }
}
