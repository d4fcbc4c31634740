namespace ContrastiveOrleans.Telemetry;

/// <summary>
/// Where traces and metrics go. Everything is off unless configured: with no exporter no listener is registered, so
/// spans are never created and instruments are never aggregated. Silo: section "Contrastive:Telemetry"; CLI: flags.
/// </summary>
public sealed class TelemetryOptions
{
    public const string Section = "Contrastive:Telemetry";

    /// <summary>The standard variable; used when <see cref="OtlpEndpoint"/> is not set.</summary>
    public const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public static readonly IReadOnlyList<string> OtlpProtocols = ["grpc", "http/protobuf"];

    /// <summary>OTLP collector, e.g. http://127.0.0.1:4317 (gRPC) or http://127.0.0.1:4318 (HTTP); traces and metrics.</summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary>"grpc" (default) or "http/protobuf".</summary>
    public string OtlpProtocol { get; set; } = "grpc";

    /// <summary>Prometheus scrape endpoint served by this process, "host:port" or a port alone (host 127.0.0.1).</summary>
    public string? Prometheus { get; set; }

    /// <summary>Spans and metrics written to stdout (debugging).</summary>
    public bool Console { get; set; }

    /// <summary>The Orleans dashboard on the silo host (cluster silo only).</summary>
    public bool Dashboard { get; set; }

    /// <summary>Port of the Orleans dashboard, on <see cref="DashboardHost"/>.</summary>
    public int DashboardPort { get; set; } = 8080;

    /// <summary>Loopback by default: the dashboard has no authentication.</summary>
    public string DashboardHost { get; set; } = "127.0.0.1";

    /// <summary>service.name of the exported resource.</summary>
    public string ServiceName { get; set; } = "contrastive";

    public bool TracesEnabled => OtlpEndpoint is not null || Console;

    public bool MetricsEnabled => OtlpEndpoint is not null || Console || Prometheus is not null;

    /// <summary>Fills <see cref="OtlpEndpoint"/> from OTEL_EXPORTER_OTLP_ENDPOINT when it was not given.</summary>
    public TelemetryOptions WithEnvironment()
    {
        if (string.IsNullOrWhiteSpace(OtlpEndpoint))
        {
            var fromEnvironment = Environment.GetEnvironmentVariable(OtlpEndpointVariable);
            OtlpEndpoint = string.IsNullOrWhiteSpace(fromEnvironment) ? null : fromEnvironment.Trim();
        }
        return this;
    }

    /// <summary>The Prometheus listener's address (valid options only).</summary>
    public PrometheusAddress? PrometheusAddress => Prometheus is null ? null : PrometheusAddress.Parse(Prometheus);

    /// <summary>One line for the CLI and the silo log; null when telemetry is off.</summary>
    public string? Describe()
    {
        var parts = new List<string>();
        if (OtlpEndpoint is not null) parts.Add($"OTLP {OtlpProtocol} {OtlpEndpoint} (traces, metrics)");
        if (PrometheusAddress is { } address) parts.Add($"Prometheus {address.Prefix}metrics");
        if (Console) parts.Add("console (traces, metrics)");
        if (Dashboard) parts.Add($"Orleans dashboard http://{DashboardHost}:{DashboardPort}/");
        return parts.Count == 0 ? null : "telemetry: " + string.Join("; ", parts);
    }
}
