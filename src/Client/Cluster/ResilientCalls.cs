namespace ContrastiveOrleans.Client.Cluster;

/// <summary>
/// Grain calls from a client that must ride out a silo dying (its grains reactivate elsewhere once membership
/// declares it dead) or a gateway going away: retry with backoff for up to <see cref="Patience"/>, then give up.
/// </summary>
public sealed class ResilientCalls(CliConsole console)
{
    public static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    private bool _warned;

    /// <param name="call">Given the token, which Orleans carries to the grain.</param>
    public async Task<T> Call<T>(Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        var deadline = DateTimeOffset.UtcNow + Patience;
        var delay = TimeSpan.FromMilliseconds(250);
        while (true)
        {
            try
            {
                var result = await call(cancellationToken).ConfigureAwait(false);
                if (_warned)
                {
                    _warned = false;
                    await console.Error.WriteLineAsync("cluster: reachable again").ConfigureAwait(false);
                }
                return result;
            }
            catch (Exception e) when (IsTransient(e) && DateTimeOffset.UtcNow < deadline)
            {
                if (!_warned)
                {
                    _warned = true;
                    // The type only: messages can name endpoints, and nothing here needs more to act.
                    await console.Error.WriteLineAsync($"cluster: call failed ({e.GetType().Name}); retrying").ConfigureAwait(false);
                }
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(4).Ticks));
            }
            catch (Exception e) when (IsTransient(e))
            {
                throw new ClusterUnavailableException($"cluster did not answer for {Patience.TotalMinutes:0} minutes ({e.GetType().Name})", e);
            }
        }
    }

    /// <summary>Everything Orleans raises for an unreachable silo, gateway or activation; not our own grain errors.</summary>
    private static bool IsTransient(Exception e) =>
        e is TimeoutException or OrleansException or System.Net.Sockets.SocketException or IOException
        && e is not OrleansConfigurationException;
}
