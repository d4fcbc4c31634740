using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace ContrastiveOrleans.Telemetry.Tests;

public sealed class TelemetryOptionsTests
{
    [Theory]
    [InlineData("9464", "127.0.0.1", 9464)]
    [InlineData("0.0.0.0:9100", "0.0.0.0", 9100)]
    [InlineData("localhost:1", "localhost", 1)]
    [InlineData("[::1]:65535", "::1", 65535)]
    public void Prometheus_addresses_default_to_loopback(string text, string host, int port)
    {
        var address = PrometheusAddress.Parse(text);
        Assert.Equal((host, port), (address.Host, address.Port));
    }

    [Fact]
    public void An_ipv6_prometheus_host_is_bracketed_in_the_url() =>
        Assert.Equal("http://[::1]:9464/", PrometheusAddress.Parse("[::1]:9464").Prefix.ToString());

    [Theory]
    [InlineData("abc")]
    [InlineData("127.0.0.1:0")]
    [InlineData("127.0.0.1:70000")]
    [InlineData(":9464")]
    [InlineData("http://127.0.0.1:9464")]
    public void Bad_prometheus_addresses_are_one_line_errors_naming_the_key(string text)
    {
        var error = Assert.Single(TelemetryOptionsValidator.Errors(new TelemetryOptions { Prometheus = text }));
        Assert.StartsWith("Contrastive:Telemetry:Prometheus: ", error, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error);
    }

    [Fact]
    public void Bad_otlp_settings_name_the_key_and_the_allowed_values()
    {
        var errors = TelemetryOptionsValidator.Errors(new TelemetryOptions { OtlpEndpoint = "collector:4317", OtlpProtocol = "udp", DashboardPort = 0 });
        Assert.Equal(
        [
            "Contrastive:Telemetry:OtlpEndpoint: 'collector:4317' is not an http(s) URL, e.g. http://127.0.0.1:4317",
            "Contrastive:Telemetry:OtlpProtocol: 'udp' is not one of grpc, http/protobuf",
            "Contrastive:Telemetry:DashboardPort: 0 is outside [1, 65535]",
        ], errors);
    }

    [Fact]
    public void Defaults_are_valid_and_off()
    {
        var options = new TelemetryOptions();
        Assert.Empty(TelemetryOptionsValidator.Errors(options));
        Assert.False(options.TracesEnabled || options.MetricsEnabled || options.Dashboard);
        Assert.Null(options.Describe());
    }

    [Fact]
    public void Nothing_is_registered_when_telemetry_is_off()
    {
        var services = new ServiceCollection();
        services.AddContrastiveTelemetry(new TelemetryOptions());
        Assert.Empty(services);
    }

    [Fact]
    public void Prometheus_alone_registers_metrics_but_no_tracing()
    {
        var services = new ServiceCollection();
        services.AddContrastiveTelemetry(new TelemetryOptions { Prometheus = "9464" });
        using var provider = services.BuildServiceProvider();
        Assert.NotNull(provider.GetService<MeterProvider>());
        Assert.Null(provider.GetService<TracerProvider>());
    }

    [Fact]
    public void Describe_is_one_line_naming_every_destination()
    {
        var line = new TelemetryOptions { OtlpEndpoint = "http://127.0.0.1:4317", Prometheus = "9464", Console = true }.Describe();
        Assert.Equal("telemetry: OTLP grpc http://127.0.0.1:4317 (traces, metrics); Prometheus http://127.0.0.1:9464/metrics; console (traces, metrics)", line);
    }
}
