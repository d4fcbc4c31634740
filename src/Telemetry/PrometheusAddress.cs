using System.Globalization;

namespace ContrastiveOrleans.Telemetry;

/// <summary>"host:port", "[v6]:port" or a bare port (host 127.0.0.1) for the Prometheus scrape listener.</summary>
public sealed record PrometheusAddress(string Host, int Port)
{
    public const string DefaultHost = "127.0.0.1";

    public Uri Prefix => new($"http://{(Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]" : Host)}:{Port.ToString(CultureInfo.InvariantCulture)}/");

    /// <summary>The address, or a FormatException whose message says what is allowed.</summary>
    public static PrometheusAddress Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var value = text.Trim();
        string host = DefaultHost, port = value;
        var colon = value.LastIndexOf(':');
        if (colon >= 0)
        {
            host = value[..colon].Trim('[', ']');
            port = value[(colon + 1)..];
        }
        if (host.Length == 0 || host.Contains('/', StringComparison.Ordinal))
        {
            throw new FormatException($"'{text}' is not host:port or a port (e.g. 127.0.0.1:9464 or 9464)");
        }
        if (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number is < 1 or > 65535)
        {
            throw new FormatException($"'{text}' has no port in [1, 65535] (e.g. 127.0.0.1:9464 or 9464)");
        }
        return new PrometheusAddress(host, number);
    }
}
