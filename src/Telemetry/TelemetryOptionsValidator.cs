using Microsoft.Extensions.Options;

namespace ContrastiveOrleans.Telemetry;

/// <summary>Rejects telemetry settings the exporters could not use, naming the key and what is allowed.</summary>
public sealed class TelemetryOptionsValidator : IValidateOptions<TelemetryOptions>
{
    /// <param name="prefix">How keys are named in messages: "Contrastive:Telemetry:" for the silo, "" for CLI flags mapped by the caller.</param>
    public static IReadOnlyList<string> Errors(TelemetryOptions options, string prefix = TelemetryOptions.Section + ":")
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (options.OtlpEndpoint is { } otlp
            && (!Uri.TryCreate(otlp, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || string.IsNullOrEmpty(uri.Host)))
        {
            errors.Add($"{prefix}OtlpEndpoint: '{otlp}' is not an http(s) URL, e.g. http://127.0.0.1:4317");
        }
        if (!TelemetryOptions.OtlpProtocols.Contains(options.OtlpProtocol, StringComparer.Ordinal))
        {
            errors.Add($"{prefix}OtlpProtocol: '{options.OtlpProtocol}' is not one of {string.Join(", ", TelemetryOptions.OtlpProtocols)}");
        }
        if (options.Prometheus is { } prometheus)
        {
            try
            {
                PrometheusAddress.Parse(prometheus);
            }
            catch (FormatException e)
            {
                errors.Add($"{prefix}Prometheus: {e.Message}");
            }
        }
        if (options.DashboardPort is < 1 or > 65535) errors.Add($"{prefix}DashboardPort: {options.DashboardPort} is outside [1, 65535]");
        if (string.IsNullOrWhiteSpace(options.DashboardHost)) errors.Add($"{prefix}DashboardHost: must not be empty (127.0.0.1 for loopback)");
        if (string.IsNullOrWhiteSpace(options.ServiceName)) errors.Add($"{prefix}ServiceName: must not be empty");
        return errors;
    }

    public ValidateOptionsResult Validate(string? name, TelemetryOptions options)
    {
        var errors = Errors(options);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
