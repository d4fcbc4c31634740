using System.Diagnostics;
using ContrastiveOrleans.Grains.Telemetry;
using OpenTelemetry.Metrics;

namespace ContrastiveOrleans.Telemetry.Tests;

/// <summary>A small sweep with in-memory exporters: one trace tree, and metrics whose values follow from the plan.</summary>
[Collection(SiloTests.Name)]
public sealed class SweepTelemetryTests
{
    // Three points train 5 steps and finish; one reports 5 steps and then fails: 4 points, 20 steps.
    private const string Spec = """
        name: telemetry
        experiment: telemetry-probe
        params: {steps: 5}
        grid:
          x: [1, 2]
          fail: [false, true]
        """;

    [Fact]
    public async Task One_sweep_is_one_trace_sweep_then_points_then_store_writes()
    {
        await using var cluster = await TelemetryCluster.StartAsync(new TelemetryOptions());
        var plan = TelemetryCluster.Plan(Spec.Replace("x: [1, 2]", "x: [1, 2, 3]", StringComparison.Ordinal).Replace("fail: [false, true]", "fail: [false]", StringComparison.Ordinal));
        ActivityTraceId traceId;
        using (var root = ContrastiveTelemetry.Source.StartActivity("test-client"))
        {
            Assert.NotNull(root);
            traceId = root.TraceId;
            await cluster.Run(plan);
        }
        var spans = cluster.Spans.ToList();
        var ours = spans.Where(s => s.Source.Name == ContrastiveTelemetry.Name && s.OperationName != "test-client").ToList();
        Assert.All(ours, s => Assert.Equal(traceId, s.TraceId));
        var byId = spans.ToDictionary(s => s.SpanId);
        bool Under(Activity span, Activity ancestor)
        {
            for (var p = span.ParentSpanId; p != default; p = byId.TryGetValue(p, out var parent) ? parent.ParentSpanId : default)
            {
                if (p == ancestor.SpanId) return true;
            }
            return false;
        }

        var sweep = Assert.Single(ours, s => s.OperationName == "sweep");
        Assert.Equal(3L, sweep.GetTagItem(SweepTelemetry.PointCountTag));
        var points = ours.Where(s => s.OperationName == "point").ToList();
        Assert.Equal(plan.Points().Select(p => p.Id).Order(), points.Select(p => (string)p.GetTagItem(PointTelemetry.PointIdTag)!).Order());
        foreach (var point in points)
        {
            Assert.True(Under(point, sweep), "point span is not under the sweep span");
            var planned = plan.Points().Single(p => p.Id == (string)point.GetTagItem(PointTelemetry.PointIdTag)!);
            Assert.Equal(ProbeExperiment.ExperimentName, point.GetTagItem(ContrastiveTelemetry.ExperimentTag));
            Assert.Equal(planned.Seed, point.GetTagItem(PointTelemetry.SeedTag));
            Assert.Equal(5L, point.GetTagItem(PointTelemetry.ParamTagPrefix + "steps"));
            Assert.False(string.IsNullOrEmpty(point.GetTagItem(PointTelemetry.SiloTag) as string));
            Assert.Equal((false, "done"), ((bool)point.GetTagItem(PointTelemetry.CachedTag)!, (string)point.GetTagItem(PointTelemetry.StatusTag)!));
            var put = Assert.Single(ours, s => s.OperationName == "store.put" && s.GetTagItem(PointTelemetry.PointIdTag) as string == planned.Id);
            Assert.True(Under(put, point), "store write is not under its point");
            var run = Assert.Single(ours, s => s.OperationName == "experiment.run" && s.ParentSpanId == point.SpanId);
            Assert.Equal(ProbeExperiment.ExperimentName, run.GetTagItem(ContrastiveTelemetry.ExperimentTag));
            // Time per phase, as in the result.
            Assert.Equal(ProbeExperiment.TrainMs, run.GetTagItem("contrastive.train_ms"));
        }
        Assert.True(Under(sweep, spans.Single(s => s.OperationName == "test-client")), "sweep span is not under the client's span");
    }

    [Fact]
    public async Task Metrics_count_points_steps_and_cache_hits()
    {
        await using var cluster = await TelemetryCluster.StartAsync(new TelemetryOptions());
        var plan = TelemetryCluster.Plan(Spec);
        var (_, first) = await cluster.Run(plan);
        Assert.Equal((2, 2), (first.Done, first.Failed));

        var m = cluster.Metrics();
        Assert.Equal(4, Sum(m, "contrastive.sweep.points"));
        Assert.Equal(4, Sum(m, "contrastive.points.started"));
        Assert.Equal(2, Sum(m, "contrastive.points.completed"));
        Assert.Equal(2, Sum(m, "contrastive.points.failed"));
        Assert.Equal(0, Sum(m, "contrastive.points.cached"));
        Assert.Equal(4 * 5, Sum(m, "contrastive.training.steps"));
        // No loss gauge (it showed whichever run reported last): each result carries its learning curve.
        Assert.False(m.ContainsKey("contrastive.training.loss"));
        var duration = m["contrastive.point.duration"];
        Assert.Equal(("s", 4L), (duration.Unit, duration.MetricPoints.Sum(p => p.GetHistogramCount())));
        Assert.Equal(0, Sum(m, "contrastive.sweeps.active"));
        var store = m["contrastive.store.duration"].MetricPoints.ToDictionary(p => Tag(p, StoreTelemetry.OperationTag) ?? "", p => p.GetHistogramCount());
        Assert.Equal((4L, 4L), (store["get"], store["put"]));
        Assert.Equal(2, Assert.Single(m["contrastive.workers.slots"].MetricPoints).GetGaugeLastValueLong());
        Assert.Equal(0, Assert.Single(m["contrastive.trainings.active"].MetricPoints).GetGaugeLastValueLong());

        // The same sweep again: the two done points come from the store, the two failed ones run (and fail) again.
        var (_, second) = await cluster.Run(plan);
        Assert.Equal((2, 2, 2), (second.Done, second.Cached, second.Failed));
        m = cluster.Metrics();
        Assert.Equal(8, Sum(m, "contrastive.points.started"));
        Assert.Equal(4, Sum(m, "contrastive.points.completed"));
        Assert.Equal(2, Sum(m, "contrastive.points.cached"));
        Assert.Equal(4, Sum(m, "contrastive.points.failed"));
        Assert.Equal(6 * 5, Sum(m, "contrastive.training.steps"));
        Assert.Equal(6L, m["contrastive.point.duration"].MetricPoints.Sum(p => p.GetHistogramCount()));
        Assert.All(m["contrastive.points.started"].MetricPoints, p => Assert.Equal(ProbeExperiment.ExperimentName, Tag(p, ContrastiveTelemetry.ExperimentTag)));
    }

    private static long Sum(IReadOnlyDictionary<string, MetricSnapshot> metrics, string name) =>
        metrics.TryGetValue(name, out var metric) ? metric.MetricPoints.Sum(p => p.GetSumLong()) : 0;

    private static string? Tag(MetricPoint point, string key)
    {
        foreach (var tag in point.Tags)
        {
            if (tag.Key == key) return tag.Value?.ToString();
        }
        return null;
    }
}
