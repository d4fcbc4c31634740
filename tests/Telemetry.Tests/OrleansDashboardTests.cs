using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using ContrastiveOrleans.Silo.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ContrastiveOrleans.Telemetry.Tests;

/// <summary>The silo host's dashboard wiring: served on its loopback port when on, no HTTP server at all when off.</summary>
[Collection(SiloTests.Name)]
public sealed class OrleansDashboardTests
{
    [Fact]
    public async Task The_dashboard_serves_its_page_and_the_clusters_silo()
    {
        var port = FreePort();
        await using var app = await StartSilo(new TelemetryOptions { Dashboard = true, DashboardPort = port });
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(10) };
        var page = await http.GetAsync(new Uri("/", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        // The dashboard fills its counters on its own collection timer: poll (bounded) until the silo shows up.
        JsonElement[] hosts = [];
        for (var attempt = 0; attempt < 60 && hosts.Length == 0; attempt++)
        {
            if (attempt > 0) await Task.Delay(500, TestContext.Current.CancellationToken);
            using var counters = JsonDocument.Parse(await http.GetStringAsync(new Uri("/DashboardCounters", UriKind.Relative), TestContext.Current.CancellationToken));
            hosts = [.. counters.RootElement.GetProperty("hosts").EnumerateArray().Select(h => h.Clone())];
        }
        var host = Assert.Single(hosts);
        Assert.Equal("Active", host.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Without_the_dashboard_the_silo_opens_no_http_port()
    {
        await using var app = await StartSilo(new TelemetryOptions());
        Assert.Equal("NoServer", app.Services.GetRequiredService<IServer>().GetType().Name);
    }

    private static async Task<WebApplication> StartSilo(TelemetryOptions telemetry)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.UseDashboardServer(telemetry);
        var cluster = $"dashboard-{Guid.NewGuid():N}";
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(FreePort(), FreePort(), serviceId: cluster, clusterId: cluster);
            silo.AddSiloTelemetry(telemetry);
        });
        var app = builder.Build();
        app.MapSiloDashboard(telemetry);
        await app.StartAsync(TestContext.Current.CancellationToken);
        return app;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
