using System.Diagnostics;

namespace ContrastiveOrleans.Experiments.Abstractions;

/// <summary>
/// Spans around training and evaluation. Only the BCL's ActivitySource: experiments know nothing of OpenTelemetry, and
/// with no listener registered <see cref="ActivitySource.StartActivity(string, ActivityKind)"/> returns null at no cost.
/// </summary>
public static class ExperimentTracing
{
    /// <summary>The product's one ActivitySource (and Meter) name; exporters subscribe to it.</summary>
    public const string SourceName = "ContrastiveOrleans";

    public static ActivitySource Source { get; } = new(SourceName, typeof(ExperimentTracing).Assembly.GetName().Version?.ToString());

    /// <summary>A span for a training loop; the caller disposes it when training ends.</summary>
    public static Activity? Train(string trainer, long totalSteps)
    {
        var activity = Source.StartActivity("train");
        activity?.SetTag("contrastive.trainer", trainer);
        activity?.SetTag("contrastive.training.total_steps", totalSteps);
        return activity;
    }

    /// <summary>A span for computing held-out metrics.</summary>
    public static Activity? Evaluate(string what) => Source.StartActivity("evaluate")?.SetTag("contrastive.evaluation", what);
}
