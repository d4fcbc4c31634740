using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace ContrastiveOrleans.Grains.Resilience;

/// <summary>
/// The engine's retry policies, one per concern, all exponential with jitter: after a silo dies, the hundreds of
/// point calls that failed with it retry spread out in time rather than in lockstep against the survivors.
/// </summary>
public static partial class GrainResilience
{
    /// <summary>
    /// A point call that failed in the infrastructure (its silo died or is stopping, storage unreachable): 11 retries
    /// from 0.25 s towards 8 s, about a minute, which covers membership declaring a silo dead and a short storage
    /// outage. The caller's cancellation is never retried.
    /// </summary>
    public static RetryStrategyOptions PointCallOptions(ILogger logger) => Options(logger, "point call", 11, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(8));

    /// <summary>A state write: retried until it succeeds (the state stays in memory meanwhile), backoff up to 5 s.</summary>
    public static RetryStrategyOptions StateWriteOptions(ILogger logger) => Options(logger, "state write", int.MaxValue, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(5));

    /// <summary>A call between a sweep's root and its shards: 12 retries towards 10 s, a couple of minutes.</summary>
    public static RetryStrategyOptions CoordinationOptions(ILogger logger) => Options(logger, "coordination call", 12, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(10));

    public static ResiliencePipeline Pipeline(RetryStrategyOptions options) => new ResiliencePipelineBuilder().AddRetry(options).Build();

    /// <summary>
    /// Runs <paramref name="action"/> through <paramref name="pipeline"/> with every continuation on the caller's
    /// scheduler (Polly resumes on the thread pool by default; a grain's state must only be touched on its own).
    /// </summary>
    public static async Task<T> OnGrain<T>(this ResiliencePipeline pipeline, Func<CancellationToken, Task<T>> action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(action);
        var context = ResilienceContextPool.Shared.Get(continueOnCapturedContext: true, cancellationToken);
        try
        {
            return await pipeline.ExecuteAsync(async (c, a) => await a(c.CancellationToken).ConfigureAwait(true), context, action).ConfigureAwait(true);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    public static Task OnGrain(this ResiliencePipeline pipeline, Func<CancellationToken, Task> action, CancellationToken cancellationToken) =>
        pipeline.OnGrain(async ct =>
        {
            await action(ct).ConfigureAwait(true);
            return true;
        }, cancellationToken);

    private static RetryStrategyOptions Options(ILogger logger, string concern, int attempts, TimeSpan first, TimeSpan cap) => new()
    {
        MaxRetryAttempts = attempts,
        BackoffType = DelayBackoffType.Exponential,
        UseJitter = true,
        Delay = first,
        MaxDelay = cap,
        ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } e
            && !(e is OperationCanceledException && args.Context.CancellationToken.IsCancellationRequested)),
        OnRetry = args =>
        {
            // The type only (Azure errors add status and code): messages can carry endpoints and request URIs.
            var e = args.Outcome.Exception!;
            LogRetry(logger, concern, args.AttemptNumber + 1, args.RetryDelay.TotalSeconds,
                e is Azure.RequestFailedException azure ? $"{e.GetType().Name} {azure.Status} {azure.ErrorCode}" : e.GetType().Name);
            return default;
        },
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Concern} failed ({Error}), attempt {Attempt}; retrying in {Seconds:0.00} s")]
    private static partial void LogRetry(ILogger logger, string concern, int attempt, double seconds, string error);
}
