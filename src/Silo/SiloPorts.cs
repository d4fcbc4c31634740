using ContrastiveOrleans.Telemetry;

namespace ContrastiveOrleans.Silo;

/// <summary>The silo's listening ports, probed before the host starts (see <see cref="PortProbe"/>).</summary>
public static class SiloPorts
{
    public static IReadOnlyList<string> Problems(SiloHostOptions options, TelemetryOptions telemetry)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(telemetry);
        const string p = SiloHostOptions.Section;
        // Localhost clustering binds loopback whatever Address says.
        var host = options.Clustering == "AzureTable" ? options.Address : "127.0.0.1";
        var probes = new List<(string Key, string Host, int Port)>
        {
            ($"{p}:SiloPort", host, options.SiloPort),
            ($"{p}:GatewayPort", host, options.GatewayPort),
        };
        if (telemetry.PrometheusAddress is { } prometheus) probes.Add(($"{TelemetryOptions.Section}:Prometheus", prometheus.Host, prometheus.Port));
        if (telemetry.Dashboard) probes.Add(($"{TelemetryOptions.Section}:DashboardPort", telemetry.DashboardHost, telemetry.DashboardPort));
        return [.. probes.Select(x => PortProbe.Problem(x.Host, x.Port) is { } problem ? $"{x.Key}: {problem}" : null).OfType<string>()];
    }
}
