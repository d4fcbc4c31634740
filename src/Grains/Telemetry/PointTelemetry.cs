using System.Diagnostics;
using ContrastiveOrleans.Experiments.Abstractions;
using ContrastiveOrleans.Grains.Contracts;

namespace ContrastiveOrleans.Grains.Telemetry;

/// <summary>The point grain's span ("point", with "experiment.run" on the worker beneath it) and its counters.</summary>
public static class PointTelemetry
{
    public const string PointIdTag = "contrastive.point.id";
    public const string SeedTag = "contrastive.seed";
    public const string SiloTag = "contrastive.silo";
    public const string CachedTag = "contrastive.cached";
    public const string StatusTag = "contrastive.status";
    public const string ParamTagPrefix = "contrastive.param.";

    /// <summary>Counts the start and opens the point's span under the caller's (propagated) context.</summary>
    public static Activity? Start(SweepPoint point, string silo)
    {
        ArgumentNullException.ThrowIfNull(point);
        ContrastiveTelemetry.PointsStarted.Add(1, ContrastiveTelemetry.ExperimentTags(point.Experiment));
        var activity = ContrastiveTelemetry.Source.StartActivity("point");
        if (activity is not { IsAllDataRequested: true }) return activity;
        activity.SetTag(ContrastiveTelemetry.ExperimentTag, point.Experiment);
        activity.SetTag(PointIdTag, point.Id);
        activity.SetTag(SeedTag, point.Seed);
        activity.SetTag(SiloTag, silo);
        foreach (var (name, value) in ParameterSet.FromJson(point.ParamsJson))
        {
            activity.SetTag(ParamTagPrefix + name, value);
        }
        return activity;
    }

    /// <summary>Counts the outcome, records the duration of computed points, and closes the span's attributes.</summary>
    public static PointResult Finish(Activity? activity, PointResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var tags = ContrastiveTelemetry.ExperimentTags(result.Experiment);
        switch (result.Status)
        {
            case PointStatus.Done:
                ContrastiveTelemetry.PointsCompleted.Add(1, tags);
                if (result.Cached) ContrastiveTelemetry.PointsCached.Add(1, tags);
                break;
            case PointStatus.Failed:
                ContrastiveTelemetry.PointsFailed.Add(1, tags);
                break;
        }
        if (!result.Cached && result.Status != PointStatus.Cancelled)
        {
            tags.Add(StatusTag, StatusText(result.Status));
            ContrastiveTelemetry.PointDuration.Record(result.DurationMs / 1000.0, tags);
        }
        if (activity is not null)
        {
            activity.SetTag(CachedTag, result.Cached);
            activity.SetTag(StatusTag, StatusText(result.Status));
            if (result.Status == PointStatus.Failed) activity.SetStatus(ActivityStatusCode.Error, result.Error);
        }
        return result;
    }

    /// <summary>
    /// The span around the experiment's Run on a worker thread. Worker threads do not inherit the grain's async
    /// context, so the parent is passed explicitly; the span is current on the worker, so the experiment's own
    /// train/evaluate spans nest under it.
    /// </summary>
    public static Activity? StartRun(SweepPoint point, ActivityContext parent)
    {
        ArgumentNullException.ThrowIfNull(point);
        return ContrastiveTelemetry.Source.StartActivity("experiment.run", ActivityKind.Internal, parent)
            ?.SetTag(ContrastiveTelemetry.ExperimentTag, point.Experiment);
    }

    /// <summary>A progress sink recording training metrics, or null when nothing listens to them.</summary>
    public static TrainingProgressRecorder? Progress(string experiment) =>
        ContrastiveTelemetry.TrainingSteps.Enabled || ContrastiveTelemetry.TrainingThroughput.Enabled
            ? new TrainingProgressRecorder(experiment, TimeProvider.System)
            : null;

    private static string StatusText(PointStatus status) => status switch
    {
        PointStatus.Done => "done",
        PointStatus.Failed => "failed",
        PointStatus.Stopped => "stopped",
        _ => "cancelled",
    };
}
