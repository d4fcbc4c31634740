using Polly;
using Polly.Retry;

namespace ContrastiveOrleans.Client.Cluster;

/// <summary>
/// Grain calls from a client that must ride out a silo dying (its grains reactivate elsewhere once membership
/// declares it dead) or a gateway going away: retried with jittered exponential backoff (Polly) for up to
/// <see cref="Patience"/>, then reported as an unreachable cluster (exit code 3).
/// </summary>
public sealed class ResilientCalls
{
    public static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    private readonly CliConsole _console;
    private readonly ResiliencePipeline _pipeline;
    private bool _warned;

    public ResilientCalls(CliConsole console)
    {
        _console = console;
        // The timeout outermost: Patience bounds the whole call with its retries, not each attempt.
        _pipeline = new ResiliencePipelineBuilder()
            .AddTimeout(Patience)
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(250),
                MaxDelay = TimeSpan.FromSeconds(4),
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } e && IsTransient(e)),
                OnRetry = async args =>
                {
                    if (_warned) return;
                    _warned = true;
                    // The type only: messages can name endpoints, and nothing here needs more to act.
                    await _console.Error.WriteLineAsync($"cluster: call failed ({args.Outcome.Exception!.GetType().Name}); retrying").ConfigureAwait(false);
                },
            })
            .Build();
    }

    /// <param name="call">Given the token, which Orleans carries to the grain.</param>
    public async Task<T> Call<T>(Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        try
        {
            var result = await _pipeline.ExecuteAsync(async ct => await call(ct).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
            if (_warned)
            {
                _warned = false;
                await _console.Error.WriteLineAsync("cluster: reachable again").ConfigureAwait(false);
            }
            return result;
        }
        catch (Polly.Timeout.TimeoutRejectedException e)
        {
            throw new ClusterUnavailableException($"cluster did not answer for {Patience.TotalMinutes:0} minutes", e);
        }
    }

    /// <summary>Everything Orleans raises for an unreachable silo, gateway or activation; not our own grain errors.</summary>
    private static bool IsTransient(Exception e) =>
        e is TimeoutException or OrleansException or System.Net.Sockets.SocketException or IOException
        && e is not OrleansConfigurationException;
}
