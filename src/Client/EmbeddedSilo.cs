using System.Net;
using System.Net.Sockets;
using ContrastiveOrleans.Grains.Hosting;
using ContrastiveOrleans.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ContrastiveOrleans.Client;

/// <summary>
/// A single in-process silo on free loopback ports with a fresh cluster id, so concurrent runs (and tests) never see
/// each other; nothing outside this process is needed.
/// </summary>
public sealed class EmbeddedSilo : IAsyncDisposable
{
    private readonly IHost _host;

    private EmbeddedSilo(IHost host)
    {
        _host = host;
        GrainFactory = host.Services.GetRequiredService<IGrainFactory>();
    }

    public IGrainFactory GrainFactory { get; }

    public static Task<EmbeddedSilo> StartAsync(Action<ContrastiveSweepsOptions> configure, CancellationToken cancellationToken) =>
        StartAsync(configure, new TelemetryOptions(), cancellationToken);

    /// <param name="telemetry">Exporters; all off by default.</param>
    public static async Task<EmbeddedSilo> StartAsync(Action<ContrastiveSweepsOptions> configure, TelemetryOptions telemetry, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, ApplicationName = "contrastive" });
        var cluster = $"contrastive-{Guid.NewGuid():N}";
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(FreePort(), FreePort(), serviceId: cluster, clusterId: cluster);
            silo.AddContrastiveSweeps(configure);
            silo.AddContrastiveTelemetry(telemetry);
        });
        var host = builder.Build();
        try
        {
            await host.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            host.Dispose();
            throw;
        }
        return new EmbeddedSilo(host);
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await _host.StopAsync(timeout.Token).ConfigureAwait(false);
        }
        finally
        {
            _host.Dispose();
        }
    }

    /// <summary>A port the OS just handed out; the tiny window before Orleans binds it is acceptable for a CLI.</summary>
    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
