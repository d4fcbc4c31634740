using ContrastiveOrleans.Grains.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace ContrastiveOrleans.Telemetry;

/// <summary>
/// Registers the exporters chosen in <see cref="TelemetryOptions"/> for the product's source and meter, Orleans' own
/// meter and grain-call spans, and the .NET runtime metrics. Shared by the silo host, the CLI's embedded silo and tests.
/// </summary>
public static class TelemetryServiceCollectionExtensions
{
    /// <summary>Orleans' meter (activations, messaging, grain calls).</summary>
    public const string OrleansMeter = "Microsoft.Orleans";

    /// <summary>Orleans' spans for application grain calls (client and server side of each call).</summary>
    public const string OrleansApplicationSource = "Microsoft.Orleans.Application";

    private const int MetricExportIntervalMs = 10_000;

    /// <param name="tracing">Extra tracing configuration (tests add an in-memory exporter); enables tracing.</param>
    /// <param name="metrics">Extra metrics configuration (tests add an in-memory exporter); enables metrics.</param>
    public static IServiceCollection AddContrastiveTelemetry(this IServiceCollection services, TelemetryOptions options,
        Action<TracerProviderBuilder>? tracing = null, Action<MeterProviderBuilder>? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        var traces = options.TracesEnabled || tracing is not null;
        var meters = options.MetricsEnabled || metrics is not null;
        // Nothing configured: register nothing, so no listener exists and instrumentation costs an enabled-check.
        if (!traces && !meters) return services;
        var builder = services.AddOpenTelemetry().ConfigureResource(r => r.AddService(options.ServiceName));
        if (traces)
        {
            builder.WithTracing(t =>
            {
                t.AddSource(ContrastiveTelemetry.Name, OrleansApplicationSource);
                if (options.OtlpEndpoint is { } endpoint) t.AddOtlpExporter(o => Otlp(o, options, endpoint, "v1/traces"));
                if (options.Console) t.AddConsoleExporter();
                tracing?.Invoke(t);
            });
        }
        if (meters)
        {
            builder.WithMetrics(m =>
            {
                m.AddMeter(ContrastiveTelemetry.Name, OrleansMeter);
                m.AddRuntimeInstrumentation();
                if (options.OtlpEndpoint is { } endpoint)
                {
                    m.AddOtlpExporter((o, reader) =>
                    {
                        Otlp(o, options, endpoint, "v1/metrics");
                        reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = MetricExportIntervalMs;
                    });
                }
                if (options.PrometheusAddress is { } address)
                {
                    m.AddPrometheusHttpListener(o =>
                    {
                        o.Host = address.Host;
                        o.Port = address.Port;
                    });
                }
                if (options.Console)
                {
                    m.AddConsoleExporter((_, reader) => reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = MetricExportIntervalMs);
                }
                metrics?.Invoke(m);
            });
        }
        return services;
    }

    private static void Otlp(OtlpExporterOptions o, TelemetryOptions options, string endpoint, string signalPath)
    {
        var http = options.OtlpProtocol == "http/protobuf";
        o.Protocol = http ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc;
        // Set in code, an HTTP endpoint is used as given (only the environment variable gets the signal path appended).
        o.Endpoint = http ? new Uri(new Uri(endpoint.TrimEnd('/') + "/"), signalPath) : new Uri(endpoint);
    }
}
