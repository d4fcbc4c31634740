using Microsoft.Extensions.Options;

namespace ContrastiveOrleans.Telemetry;

/// <summary>Rejects telemetry settings the exporters could not use, naming the key and what is allowed.</summary>
public sealed class TelemetryOptionsValidator : IValidateOptions<TelemetryOptions>
{
    /// <param name="keyName">Names a property in messages: the configuration key by default, a CLI flag for the CLI.</param>
    public static IReadOnlyList<string> Errors(TelemetryOptions options, Func<string, string>? keyName = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var key = keyName ?? (property => $"{TelemetryOptions.Section}:{property}");
        var errors = new List<string>();
        if (options.OtlpEndpoint is { } otlp
            && (!Uri.TryCreate(otlp, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || string.IsNullOrEmpty(uri.Host)))
        {
            errors.Add($"{key("OtlpEndpoint")}: '{otlp}' is not an http(s) URL, e.g. http://127.0.0.1:4317");
        }
        if (!TelemetryOptions.OtlpProtocols.Contains(options.OtlpProtocol, StringComparer.Ordinal))
        {
            errors.Add($"{key("OtlpProtocol")}: '{options.OtlpProtocol}' is not one of {string.Join(", ", TelemetryOptions.OtlpProtocols)}");
        }
        if (options.Prometheus is { } prometheus)
        {
            try
            {
                PrometheusAddress.Parse(prometheus);
            }
            catch (FormatException e)
            {
                errors.Add($"{key("Prometheus")}: {e.Message}");
            }
        }
        if (options.DashboardPort is < 1 or > 65535) errors.Add($"{key("DashboardPort")}: {options.DashboardPort} is outside [1, 65535]");
        if (string.IsNullOrWhiteSpace(options.DashboardHost)) errors.Add($"{key("DashboardHost")}: must not be empty (127.0.0.1 for loopback)");
        if (string.IsNullOrWhiteSpace(options.ServiceName)) errors.Add($"{key("ServiceName")}: must not be empty");
        return errors;
    }

    public ValidateOptionsResult Validate(string? name, TelemetryOptions options)
    {
        var errors = Errors(options);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
