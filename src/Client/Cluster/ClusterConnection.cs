using Azure.Data.Tables;
using ContrastiveOrleans.Grains.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;

namespace ContrastiveOrleans.Client.Cluster;

/// <summary>An Orleans client connected to a <see cref="ClusterTarget"/>; retries the first connection for a while.</summary>
public sealed class ClusterConnection : IAsyncDisposable
{
    private readonly IHost _host;

    private ClusterConnection(IHost host)
    {
        _host = host;
        Client = host.Services.GetRequiredService<IClusterClient>();
    }

    public IClusterClient Client { get; }

    public static async Task<ClusterConnection> ConnectAsync(ClusterTarget target, TimeSpan patience, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, ApplicationName = "contrastive" });
        builder.UseOrleansClient(client =>
        {
            if (target.LocalhostGateway is { } port)
            {
                client.UseLocalhostClustering(port, serviceId: target.ServiceId, clusterId: target.ClusterId);
            }
            else
            {
                client.Configure<ClusterOptions>(o =>
                {
                    o.ClusterId = target.ClusterId;
                    o.ServiceId = target.ServiceId;
                });
                client.UseAzureStorageClustering(o => o.TableServiceClient = new TableServiceClient(target.ConnectionString, AzureRetry.Configure(new TableClientOptions())));
                // A gateway that died is dropped at once; the list is re-read often enough to find survivors and newcomers.
                client.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(5));
            }
            client.UseConnectionRetryFilter(new ConnectRetry(patience).ShouldRetry);
        });
        var host = builder.Build();
        try
        {
            await host.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            host.Dispose();
            throw new ClusterUnavailableException($"cannot connect to cluster {target}: {e.GetType().Name}", e);
        }
        return new ClusterConnection(host);
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await _host.StopAsync(timeout.Token).ConfigureAwait(false);
        }
        finally
        {
            _host.Dispose();
        }
    }

    private sealed class ConnectRetry(TimeSpan patience)
    {
        private readonly DateTimeOffset _deadline = DateTimeOffset.UtcNow + patience;

        public async Task<bool> ShouldRetry(Exception exception, CancellationToken cancellationToken)
        {
            if (DateTimeOffset.UtcNow >= _deadline) return false;
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
            return true;
        }
    }
}
