using System.Net;
using System.Net.Sockets;

namespace ContrastiveOrleans.Cluster.Tests;

/// <summary>The silo host as a process: --help prints usage, taken ports are one line naming the key, exit 2.</summary>
public sealed class SiloHostTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Help_prints_usage_and_starts_nothing()
    {
        await using var silo = new ChildProcess(Repo.SiloDll, ["--help"], new Dictionary<string, string>());
        Assert.Equal(0, await silo.WaitForExit(Patience));
        Assert.StartsWith("usage: ContrastiveOrleans.Silo", silo.Output, StringComparison.Ordinal);
        Assert.Contains("SIGTERM stops gracefully", silo.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Application started", silo.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("SiloPort")]
    [InlineData("GatewayPort")]
    [InlineData("Telemetry__Prometheus")]
    public async Task A_port_already_in_use_is_one_line_naming_the_key(string key)
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        var environment = new Dictionary<string, string>
        {
            ["Contrastive__SiloPort"] = $"{Ports.Free()}",
            ["Contrastive__GatewayPort"] = $"{Ports.Free()}",
            [$"Contrastive__{key}"] = key.StartsWith("Telemetry", StringComparison.Ordinal) ? $"127.0.0.1:{port}" : $"{port}",
        };
        await using var silo = new ChildProcess(Repo.SiloDll, [], environment);
        Assert.Equal(2, await silo.WaitForExit(Patience));
        var line = Assert.Single(silo.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal($"error: Contrastive:{key.Replace("__", ":", StringComparison.Ordinal)}: port {port} on 127.0.0.1 is in use (another process listens there); give a free port", line);
    }
}
