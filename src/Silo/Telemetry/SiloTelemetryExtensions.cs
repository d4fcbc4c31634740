using System.Net;
using ContrastiveOrleans.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Dashboard;

namespace ContrastiveOrleans.Silo.Telemetry;

/// <summary>
/// The silo host's telemetry: exporters from "Contrastive:Telemetry", and the Orleans dashboard (an HTTP endpoint on
/// DashboardHost:DashboardPort, loopback by default) when Dashboard is true. Three calls, one per stage of Program.
/// </summary>
public static class SiloTelemetryExtensions
{
    /// <summary>Reads and validates the options (errors name the configuration key); OTEL_EXPORTER_OTLP_ENDPOINT fills in.</summary>
    public static (TelemetryOptions Options, IReadOnlyList<string> Errors) ReadTelemetry(this IConfiguration configuration)
    {
        var options = (configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions()).WithEnvironment();
        return (options, TelemetryOptionsValidator.Errors(options));
    }

    /// <summary>Kestrel on the dashboard's address when it is on; otherwise no HTTP server at all.</summary>
    public static WebApplicationBuilder UseDashboardServer(this WebApplicationBuilder builder, TelemetryOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        if (!options.Dashboard)
        {
            builder.Services.AddSingleton<IServer, NoServer>();
            return builder;
        }
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            if (IPAddress.TryParse(options.DashboardHost, out var address)) kestrel.Listen(address, options.DashboardPort);
            else kestrel.ListenAnyIP(options.DashboardPort);
        });
        return builder;
    }

    /// <summary>Exporters, trace propagation and (when on) the dashboard's silo services.</summary>
    public static ISiloBuilder AddSiloTelemetry(this ISiloBuilder silo, TelemetryOptions options)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(options);
        silo.AddContrastiveTelemetry(options);
        if (options.Dashboard) silo.AddDashboard();
        return silo;
    }

    /// <summary>Serves the dashboard at the root of its endpoint when it is on.</summary>
    public static WebApplication MapSiloDashboard(this WebApplication app, TelemetryOptions options)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Dashboard) app.MapOrleansDashboard();
        return app;
    }
}
