using System.Diagnostics;
using ContrastiveOrleans.Grains.Contracts;

namespace ContrastiveOrleans.Grains.Telemetry;

/// <summary>
/// The sweep span: opened by Start under the caller's propagated context and kept open until the sweep settles, so
/// every point call made while it runs is its child and one sweep is one trace.
/// </summary>
public static class SweepTelemetry
{
    public const string SweepIdTag = "contrastive.sweep.id";
    public const string SweepNameTag = "contrastive.sweep.name";
    public const string PointCountTag = "contrastive.sweep.points";
    public const string ResumedTag = "contrastive.sweep.resumed";

    /// <summary>
    /// Opens the sweep span under the current context, or, for a sweep resumed on another activation, under the
    /// context it was first submitted under (<paramref name="resumeParent"/>) with a link to the first sweep span.
    /// </summary>
    public static Activity? Start(SweepDefinition definition, string experiment, long points, string? resumeParent = null, string? firstSpan = null)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var tags = ContrastiveTelemetry.ExperimentTags(experiment);
        if (resumeParent is null && firstSpan is null) ContrastiveTelemetry.SweepPoints.Add(points, tags);
        ContrastiveTelemetry.SweepsActive.Add(1, tags);
        var resumed = resumeParent is not null || firstSpan is not null;
        var activity = resumed
            ? ContrastiveTelemetry.Source.StartActivity("sweep", ActivityKind.Internal, Context(resumeParent),
                links: Context(firstSpan) is { TraceId: var t } first && t != default ? [new ActivityLink(first)] : null)
                ?.SetTag(ResumedTag, true)
            : ContrastiveTelemetry.Source.StartActivity("sweep");
        activity?.SetTag(SweepIdTag, definition.SweepId)
            .SetTag(SweepNameTag, definition.Name)
            .SetTag(ContrastiveTelemetry.ExperimentTag, experiment)
            .SetTag(PointCountTag, points);
        return activity;
    }

    /// <summary>A shard's span under the sweep's (propagated) context: the parent of the point calls it makes.</summary>
    public static Activity? StartShard(string sweepId, int shard) =>
        ContrastiveTelemetry.Source.StartActivity("shard")?.SetTag(SweepIdTag, sweepId).SetTag("contrastive.shard", shard);

    private static ActivityContext Context(string? w3cId) =>
        w3cId is not null && ActivityContext.TryParse(w3cId, null, out var context) ? context : default;

    /// <summary>Makes the sweep span the parent of the calls that follow in this async flow (a point dispatch).</summary>
    public static void Enter(Activity? sweep)
    {
        if (sweep is not null) Activity.Current = sweep;
    }

    public static void Skipped(string experiment, long points)
    {
        if (points <= 0) return;
        ContrastiveTelemetry.PointsSkipped.Add(points, ContrastiveTelemetry.ExperimentTags(experiment));
    }

    /// <summary>Closes the span with the sweep's final counts; the caller clears its reference.</summary>
    public static void Finish(Activity? sweep, string experiment, SweepProgress progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        ContrastiveTelemetry.SweepsActive.Add(-1, ContrastiveTelemetry.ExperimentTags(experiment));
        if (sweep is null) return;
        sweep.SetTag("contrastive.sweep.state", progress.State.ToString())
            .SetTag("contrastive.sweep.done", progress.Done)
            .SetTag("contrastive.sweep.failed", progress.Failed)
            .SetTag("contrastive.sweep.cached", progress.Cached)
            .SetTag("contrastive.sweep.skipped", progress.Skipped);
        if (progress.Failed > 0) sweep.SetStatus(ActivityStatusCode.Error, $"{progress.Failed} points failed");
        sweep.Dispose();
    }
}
