using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http.Features;

namespace ContrastiveOrleans.Silo.Telemetry;

/// <summary>
/// The silo is a web application only for the optional Orleans dashboard; without it this server stands in for
/// Kestrel so that no HTTP port is opened.
/// </summary>
internal sealed class NoServer : IServer
{
    public IFeatureCollection Features { get; } = new FeatureCollection();

    public Task StartAsync<TContext>(IHttpApplication<TContext> application, CancellationToken cancellationToken) where TContext : notnull =>
        Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose()
    {
        // Nothing was opened.
    }
}
