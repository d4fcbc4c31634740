using ContrastiveOrleans.Experiments.Abstractions;
using ContrastiveOrleans.Grains.Contracts;

namespace ContrastiveOrleans.Grains.Telemetry;

/// <summary>
/// Keeps a run's loss at <see cref="LearningCurve.Samples"/> evenly spaced fractions of its training (the first report
/// at or past each), and its last report, so a result carries its learning curve in constant space however long it
/// trained. An experiment that trains twice (its step restarts lower) keeps the curve of its last training. Reports
/// come from one worker thread, in order; each is passed on to <paramref name="next"/>.
/// </summary>
public sealed class LearningCurveRecorder(IProgress<TrainingProgress>? next) : IProgress<TrainingProgress>
{
    private readonly List<long> _steps = [];
    private readonly List<double> _loss = [];
    private readonly List<long> _evalSteps = [];
    private readonly Dictionary<string, List<double>> _eval = new(StringComparer.Ordinal);
    private long _total;
    private int _nextSample;
    private TrainingProgress? _last;

    public void Report(TrainingProgress value)
    {
        next?.Report(value);
        if (_last is { } previous && value.Step < previous.Step) Restart();
        _last = value;
        _total = value.TotalSteps;
        if (value.Metrics is { Count: > 0 } metrics)
        {
            // An evaluation report: kept beside the loss samples, not as one of them.
            if (_evalSteps.Count >= LearningCurve.MaxEvaluations) return;
            _evalSteps.Add(value.Step);
            foreach (var (name, metric) in metrics)
            {
                if (!_eval.TryGetValue(name, out var values)) _eval[name] = values = [.. Enumerable.Repeat(double.NaN, _evalSteps.Count - 1)];
                values.Add(metric);
            }
            foreach (var values in _eval.Values) if (values.Count < _evalSteps.Count) values.Add(double.NaN);
            return;
        }
        if (!double.IsFinite(value.Loss) || value.TotalSteps <= 0) return;
        var sample = (int)Math.Min(LearningCurve.Samples, value.Step * LearningCurve.Samples / value.TotalSteps);
        if (sample < _nextSample && value.Step < value.TotalSteps) return;
        if (_steps.Count > 0 && _steps[^1] == value.Step) return;
        _steps.Add(value.Step);
        _loss.Add(value.Loss);
        _nextSample = sample + 1;
    }

    /// <summary>The curve so far (ending at the last report), or null when nothing was reported.</summary>
    public LearningCurve? Curve()
    {
        if (_last is { } last && double.IsFinite(last.Loss) && last.TotalSteps > 0 && (_steps.Count == 0 || _steps[^1] != last.Step))
        {
            _steps.Add(last.Step);
            _loss.Add(last.Loss);
        }
        // A run stopped before its first loss read still has the evaluations that stopped it.
        if (_steps.Count == 0 && _evalSteps.Count == 0) return null;
        return _evalSteps.Count == 0
            ? new LearningCurve(_total, [.. _steps], [.. _loss])
            : new LearningCurve(_total, [.. _steps], [.. _loss], [.. _evalSteps], _eval.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray(), StringComparer.Ordinal));
    }

    private void Restart()
    {
        _steps.Clear();
        _loss.Clear();
        _evalSteps.Clear();
        _eval.Clear();
        _nextSample = 0;
    }
}
