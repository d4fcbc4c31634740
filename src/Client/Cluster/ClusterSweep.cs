using ContrastiveOrleans.Grains.Contracts;

namespace ContrastiveOrleans.Client.Cluster;

/// <summary>A submitted sweep reached by its id: the connection, the grain, its progress now, and retried calls.</summary>
public sealed class ClusterSweep : IAsyncDisposable
{
    private ClusterSweep(ClusterConnection connection, ISweepGrain grain, ResilientCalls calls, SweepProgress progress, string id, ClusterTarget target)
    {
        Connection = connection;
        Grain = grain;
        Calls = calls;
        Progress = progress;
        Id = id;
        Target = target;
    }

    public ClusterConnection Connection { get; }

    public ISweepGrain Grain { get; }

    public ResilientCalls Calls { get; }

    public SweepProgress Progress { get; }

    public string Id { get; }

    public ClusterTarget Target { get; }

    /// <summary>Connects and finds the sweep; an id the cluster does not know is bad input (exit code 2).</summary>
    public static async Task<ClusterSweep> OpenAsync(string id, ClusterTarget target, CliConsole console, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var connection = await ClusterConnection.ConnectAsync(target, TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
        try
        {
            var calls = new ResilientCalls(console);
            var grain = connection.Client.GetGrain<ISweepGrain>(id);
            var progress = await calls.Call(grain.GetProgress, cancellationToken).ConfigureAwait(false);
            return progress.State == SweepState.NotStarted
                ? throw new UsageException($"SWEEP: '{id}' is not a sweep of cluster {target}")
                : new ClusterSweep(connection, grain, calls, progress, id, target);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public ValueTask DisposeAsync() => Connection.DisposeAsync();
}
