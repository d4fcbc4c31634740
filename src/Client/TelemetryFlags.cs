using ContrastiveOrleans.Telemetry;

namespace ContrastiveOrleans.Client;

/// <summary>
/// `run`'s telemetry flags: --otlp URL (else $OTEL_EXPORTER_OTLP_ENDPOINT), --otlp-protocol grpc|http/protobuf,
/// --prometheus [HOST:]PORT (loopback unless a host is given), --telemetry-console. All off by default.
/// </summary>
public static class TelemetryFlags
{
    /// <summary>The flags' values checked and completed from the environment; a bad one is a <see cref="UsageException"/>.</summary>
    public static TelemetryOptions Parse(string? otlpFlag, string? protocol, string? prometheus, bool console)
    {
        var options = new TelemetryOptions
        {
            OtlpEndpoint = otlpFlag,
            OtlpProtocol = protocol ?? "grpc",
            Prometheus = prometheus,
            Console = console,
        }.WithEnvironment();
        var errors = TelemetryOptionsValidator.Errors(options, property => property switch
        {
            nameof(TelemetryOptions.OtlpEndpoint) => otlpFlag is null ? TelemetryOptions.OtlpEndpointVariable : "--otlp",
            nameof(TelemetryOptions.OtlpProtocol) => "--otlp-protocol",
            nameof(TelemetryOptions.Prometheus) => "--prometheus",
            _ => property,
        });
        if (errors.Count > 0) throw new UsageException(errors[0]);
        if (options.PrometheusAddress is { } address && PortProbe.Problem(address.Host, address.Port) is { } problem)
        {
            throw new UsageException($"--prometheus: {problem}");
        }
        return options;
    }
}
