using System.Diagnostics;
using ContrastiveOrleans.Grains.Contracts;
using ContrastiveOrleans.Grains.Telemetry;

namespace ContrastiveOrleans.Telemetry.Tests;

/// <summary>A sweep resumed after its silo died opens its span in the submitter's trace, linked to the span it lost.</summary>
[Collection(SiloTests.Name)]
public sealed class ResumedSweepSpanTests
{
    private static readonly SweepProgress Completed = new(SweepState.Completed, 1, 0, 0, 1, 0, 0, 0, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow);

    [Fact]
    public void A_resumed_sweep_span_joins_the_submitted_trace_and_links_the_first_span()
    {
        var definition = new SweepDefinition("resumed-sweep-1", "resumed", "cpu", 0, "name: resumed\nexperiment: bench-noop\n");
        var started = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == ContrastiveTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStarted = a => { if (a.OperationName == "sweep") lock (started) started.Add(a); },
        };
        ActivitySource.AddActivityListener(listener);
        // What the first activation stored: the submitter's context and its own span, in another process now gone.
        var submitter = new ActivityContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded);
        var lost = new ActivityContext(submitter.TraceId, ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded);
        var traceParent = $"00-{submitter.TraceId}-{submitter.SpanId}-01";
        var firstSpan = $"00-{lost.TraceId}-{lost.SpanId}-01";

        // An unrelated ambient span (say, the poll that reactivated the grain) must not become the parent.
        using (ContrastiveTelemetry.Source.StartActivity("poll"))
        {
            var resumed = SweepTelemetry.Start(definition, "bench-noop", 1, traceParent, firstSpan);
            Assert.NotNull(resumed);
            Assert.Equal((submitter.TraceId, submitter.SpanId), (resumed.TraceId, resumed.ParentSpanId));
            Assert.Equal(lost.SpanId, Assert.Single(resumed.Links).Context.SpanId);
            Assert.Equal(true, resumed.GetTagItem(SweepTelemetry.ResumedTag));
            Assert.Equal(definition.SweepId, resumed.GetTagItem(SweepTelemetry.SweepIdTag));
            SweepTelemetry.Finish(resumed, "bench-noop", Completed);
        }

        // A first start stays under the ambient context and is not marked resumed.
        using var client = ContrastiveTelemetry.Source.StartActivity("client");
        var fresh = SweepTelemetry.Start(definition, "bench-noop", 1);
        Assert.NotNull(fresh);
        Assert.Equal(client!.SpanId, fresh.ParentSpanId);
        Assert.Null(fresh.GetTagItem(SweepTelemetry.ResumedTag));
        Assert.Empty(fresh.Links);
        SweepTelemetry.Finish(fresh, "bench-noop", Completed);
        Assert.Equal(2, started.Count(a => (string?)a.GetTagItem(SweepTelemetry.SweepIdTag) == definition.SweepId));
    }
}
