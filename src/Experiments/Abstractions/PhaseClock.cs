using System.Diagnostics;

namespace ContrastiveOrleans.Experiments.Abstractions;

/// <summary>
/// Times a run's phases back to back (data, train, eval): each <see cref="Lap"/> records the time since the previous
/// one as NAME_ms, so a result shows where a point spent its time and the phases add up to the run.
/// </summary>
public sealed class PhaseClock
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Dictionary<string, double> _phases = new(StringComparer.Ordinal);
    private TimeSpan _last;

    public static IReadOnlyList<string> Metrics { get; } = ["data_ms", "train_ms", "eval_ms"];

    public void Lap(string phase)
    {
        var now = _clock.Elapsed;
        _phases[$"{phase}_ms"] = (now - _last).TotalMilliseconds;
        _last = now;
    }

    /// <summary>
    /// Records a phase measured elsewhere (a packed point's share of its program's training) and starts the next
    /// phase now, so the time spent on other points in between is not counted as this point's.
    /// </summary>
    public void Set(string phase, double milliseconds)
    {
        _phases[$"{phase}_ms"] = milliseconds;
        _last = _clock.Elapsed;
    }

    /// <summary>Writes the phases into a run's metrics (replacing a value of the same name).</summary>
    public void AddTo(IDictionary<string, double> metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        foreach (var (name, ms) in _phases) metrics[name] = ms;
    }
}
