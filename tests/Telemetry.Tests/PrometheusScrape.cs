using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace ContrastiveOrleans.Telemetry.Tests;

/// <summary>
/// A silo serving Prometheus on a free loopback port runs a small probe sweep (two points done, two failed); the
/// endpoint is then scraped once and the text format parsed into samples.
/// </summary>
public sealed class PrometheusScrape : IAsyncLifetime
{
    public const string Spec = """
        name: scrape
        experiment: telemetry-probe
        params: {steps: 50}
        grid:
          x: [1, 2]
          fail: [false, true]
        """;

    public string Text { get; private set; } = "";

    public Uri Endpoint { get; private set; } = null!;

    /// <summary>Metric family names from the # TYPE lines, with their type.</summary>
    public Dictionary<string, string> Types { get; } = new(StringComparer.Ordinal);

    /// <summary>Every sample: series name, labels, value.</summary>
    public List<(string Name, Dictionary<string, string> Labels, double Value)> Samples { get; } = [];

    public async ValueTask InitializeAsync()
    {
        var port = FreePort();
        await using var cluster = await TelemetryCluster.StartAsync(new TelemetryOptions { Prometheus = $"127.0.0.1:{port}" });
        await cluster.Run(TelemetryCluster.Plan(Spec));
        Endpoint = new Uri($"http://127.0.0.1:{port}/metrics");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        Text = await http.GetStringAsync(Endpoint);
        Parse(Text);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    public double Value(string series, params (string Key, string Value)[] labels) =>
        Samples.Where(s => s.Name == series && labels.All(l => s.Labels.GetValueOrDefault(l.Key) == l.Value)).Sum(s => s.Value);

    private void Parse(string text)
    {
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0) continue;
            if (line.StartsWith("# TYPE ", StringComparison.Ordinal))
            {
                var parts = line.Split(' ');
                Types[parts[2]] = parts[3];
                continue;
            }
            if (line.StartsWith('#')) continue;
            var brace = line.IndexOf('{', StringComparison.Ordinal);
            var close = line.LastIndexOf('}');
            var name = brace >= 0 ? line[..brace] : line[..line.IndexOf(' ', StringComparison.Ordinal)];
            var labels = new Dictionary<string, string>(StringComparer.Ordinal);
            if (brace >= 0)
            {
                foreach (var pair in line[(brace + 1)..close].Split("\",", StringSplitOptions.RemoveEmptyEntries))
                {
                    var eq = pair.IndexOf('=', StringComparison.Ordinal);
                    labels[pair[..eq]] = pair[(eq + 1)..].Trim('"');
                }
            }
            var rest = line[((brace >= 0 ? close : name.Length - 1) + 1)..].Trim().Split(' ')[0];
            Samples.Add((name, labels, rest switch
            {
                "+Inf" => double.PositiveInfinity,
                "-Inf" => double.NegativeInfinity,
                _ => double.Parse(rest, CultureInfo.InvariantCulture),
            }));
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
