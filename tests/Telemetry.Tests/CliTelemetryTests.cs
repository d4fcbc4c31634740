using System.Collections.Concurrent;
using System.Diagnostics;
using ContrastiveOrleans.Client;
using ContrastiveOrleans.Grains.Telemetry;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace ContrastiveOrleans.Telemetry.Tests;

/// <summary>The CLI's telemetry flags: errors, the one line saying where telemetry goes, and the trace of a run.</summary>
[Collection(SiloTests.Name)]
public sealed class CliTelemetryTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"contrastive-cli-telemetry-{Guid.NewGuid():N}");

    public CliTelemetryTests() => Directory.CreateDirectory(_root);

    [Theory]
    [InlineData("--otlp", "collector:4317", "error: --otlp: 'collector:4317' is not an http(s) URL, e.g. http://127.0.0.1:4317")]
    [InlineData("--otlp-protocol", "udp", "error: --otlp-protocol: 'udp' is not one of grpc, http/protobuf")]
    [InlineData("--prometheus", "abc", "error: --prometheus: 'abc' has no port in [1, 65535] (e.g. 127.0.0.1:9464 or 9464)")]
    public async Task Bad_telemetry_flags_exit_2_with_one_line(string flag, string value, string expected)
    {
        var (exit, output, error) = await Invoke("run", Spec(), flag, value);
        Assert.Equal((2, "", expected), (exit, output, error.TrimEnd()));
    }

    [Fact]
    public async Task A_run_with_telemetry_says_where_it_goes_and_is_one_trace()
    {
        var spans = new ConcurrentQueue<Activity>();
        using (Sdk.CreateTracerProviderBuilder().AddSource(ContrastiveTelemetry.Name).AddProcessor(new SimpleActivityExportProcessor(new QueueExporter(spans))).Build())
        {
            var (exit, output, _) = await Invoke("run", Spec(), "--out", Path.Combine(_root, "out"), "--store", Path.Combine(_root, "store"), "--telemetry-console");
            Assert.Equal(0, exit);
            Assert.Single(output.Split('\n'), l => l == "telemetry: console (traces, metrics)");
        }
        var run = Assert.Single(spans, s => s.OperationName == "contrastive run");
        var sweep = Assert.Single(spans, s => s.OperationName == "sweep");
        var points = spans.Where(s => s.OperationName == "point").ToList();
        Assert.Equal(3, points.Count);
        Assert.All(spans.Where(s => s.OperationName is "sweep" or "point" or "store.put" or "experiment.run"), s => Assert.Equal(run.TraceId, s.TraceId));
        Assert.Equal(3L, sweep.GetTagItem(SweepTelemetry.PointCountTag));
    }

    [Fact]
    public async Task Without_flags_nothing_is_said_about_telemetry()
    {
        var (exit, output, _) = await Invoke("run", Spec(), "--out", Path.Combine(_root, "out"), "--store", Path.Combine(_root, "store"));
        Assert.Equal(0, exit);
        Assert.DoesNotContain(output.Split('\n'), l => l.StartsWith("telemetry:", StringComparison.Ordinal));
    }

    private string Spec()
    {
        var path = Path.Combine(_root, "spec.yaml");
        File.WriteAllText(path, "name: cli-telemetry\nexperiment: bench-noop\ngrid: {x: [1, 2, 3]}\n");
        return path;
    }

    private static async Task<(int Exit, string Out, string Error)> Invoke(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await ContrastiveCli.RunAsync(args, new CliConsole(stdout, stderr, IsTerminal: false), TestContext.Current.CancellationToken);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }

    private sealed class QueueExporter(ConcurrentQueue<Activity> spans) : BaseExporter<Activity>
    {
        public override ExportResult Export(in Batch<Activity> batch)
        {
            foreach (var activity in batch) spans.Enqueue(activity);
            return ExportResult.Success;
        }
    }
}
