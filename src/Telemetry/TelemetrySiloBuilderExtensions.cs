using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace ContrastiveOrleans.Telemetry;

/// <summary>Telemetry on a silo: the exporters plus Orleans' trace-context propagation across grain calls.</summary>
public static class TelemetrySiloBuilderExtensions
{
    public static ISiloBuilder AddContrastiveTelemetry(this ISiloBuilder silo, TelemetryOptions options,
        Action<TracerProviderBuilder>? tracing = null, Action<MeterProviderBuilder>? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(options);
        // Propagation only with tracing: it adds a filter to every grain call.
        if (options.TracesEnabled || tracing is not null) silo.AddActivityPropagation();
        silo.Services.AddContrastiveTelemetry(options, tracing, metrics);
        return silo;
    }
}
