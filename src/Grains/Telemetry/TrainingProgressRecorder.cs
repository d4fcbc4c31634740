using ContrastiveOrleans.Experiments.Abstractions;

namespace ContrastiveOrleans.Grains.Telemetry;

/// <summary>
/// Turns a run's progress reports into training metrics: steps (the increments between reports), and on <see cref="Complete"/> the run's steps per second since the recorder was made (just before the run).
/// Reports come from one worker thread, in order. The loss is not a metric: one gauge per experiment would show
/// whichever run reported last, and one per point would grow without bound; each result carries its own learning
/// curve instead (<see cref="LearningCurveRecorder"/>).
/// </summary>
public sealed class TrainingProgressRecorder(string experiment, TimeProvider time) : IProgress<TrainingProgress>
{
    private readonly long _start = time.GetTimestamp();
    private long _lastStep;
    private long _lastTimestamp;

    /// <summary>Steps recorded so far.</summary>
    public long Steps { get; private set; }

    public void Report(TrainingProgress value)
    {
        var tags = ContrastiveTelemetry.ExperimentTags(experiment);
        _lastTimestamp = time.GetTimestamp();
        // Steps are cumulative within a training loop; an experiment that trains twice restarts at a lower step.
        var delta = value.Step >= _lastStep ? value.Step - _lastStep : value.Step;
        _lastStep = value.Step;
        if (delta > 0)
        {
            Steps += delta;
            ContrastiveTelemetry.TrainingSteps.Add(delta, tags);
        }
    }

    /// <summary>Records steps per second up to the last report; nothing when no step was reported.</summary>
    public void Complete()
    {
        if (Steps <= 0 || _lastTimestamp <= _start) return;
        var seconds = time.GetElapsedTime(_start, _lastTimestamp).TotalSeconds;
        ContrastiveTelemetry.TrainingThroughput.Record(Steps / seconds, ContrastiveTelemetry.ExperimentTags(experiment));
    }
}
