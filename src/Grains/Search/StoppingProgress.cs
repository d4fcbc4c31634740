using ContrastiveOrleans.Experiments.Abstractions;
using ContrastiveOrleans.Grains.Contracts;

namespace ContrastiveOrleans.Grains.Search;

/// <summary>
/// Passes reports on (the learning curve keeps the evaluation that stops a run), and at each evaluation of the rule's
/// metric compares the run's best value so far with the rule's median at that step; behind it, the run ends with a
/// <see cref="TrainingStoppedException"/>. Decided on the worker thread from the rule the point was started with: no
/// call per report.
/// </summary>
internal sealed class StoppingProgress(IProgress<TrainingProgress> next, PointStopRule rule) : IProgress<TrainingProgress>
{
    private readonly Sweeps.Search.StopRule _rule = new(rule.Metric, rule.Maximize, rule.Steps, rule.Medians);
    private double? _best;

    public void Report(TrainingProgress value)
    {
        next.Report(value);
        if (value.Metrics is null || !value.Metrics.TryGetValue(_rule.Metric, out var metric) || !double.IsFinite(metric)) return;
        _best = _best is not { } b ? metric : _rule.Maximize ? Math.Max(b, metric) : Math.Min(b, metric);
        // The last evaluation is the run's result: nothing is saved by stopping there.
        if (value.Step >= value.TotalSteps) return;
        var progress = SearchProgress.Key(value.Step, value.TotalSteps, rule.Scale);
        if (_rule.Behind(progress, _best.Value) is { } median) throw new TrainingStoppedException(value.Step, value.TotalSteps, _rule.Metric, _best.Value, median);
    }
}
