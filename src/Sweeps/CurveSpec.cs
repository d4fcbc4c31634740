using ContrastiveOrleans.Experiments.Abstractions;

namespace ContrastiveOrleans.Sweeps;

/// <summary>One curve of a sweep: <paramref name="Metric"/> against parameter <paramref name="X"/>, one line per value of
/// <paramref name="Series"/> (null: a single line). Its interval is over seeds only: every other axis the sweep varies
/// is in <see cref="GroupBy"/> (one line per combination of their values) unless the curve pools it.</summary>
public sealed record CurveSpec(string Name, string X, string? Series, string Metric)
{
    /// <summary>Axes the curve's file entry asked to pool into its interval (`pool: [temperature]`).</summary>
    public IReadOnlyList<string> Pool { get; init; } = [];

    /// <summary>Axes the sweep varies that are neither x, series, nor pooled: each combination is a line of its own.</summary>
    public IReadOnlyList<string> GroupBy { get; init; } = [];

    /// <summary>
    /// The grid's first value of each pooled axis. A point that ignores a pooled axis is one computation shared by
    /// every value of it (one id): it is folded once, at this value, not once per value.
    /// </summary>
    public IReadOnlyDictionary<string, object> PoolCanonical { get; init; } = new Dictionary<string, object>();

    /// <summary>The experiment's parameters a point ignores (<c>IExperiment.IgnoredParameters</c>).</summary>
    public Func<ParameterSet, IReadOnlyCollection<string>>? Ignored { get; init; }

    /// <summary>Whether a point with these parameters is a repeat of one folded at the canonical value of a pooled axis.</summary>
    public bool IsPooledRepeat(ParameterSet parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (PoolCanonical.Count == 0 || Ignored is null) return false;
        var ignored = Ignored(parameters);
        return PoolCanonical.Any(kv => ignored.Contains(kv.Key) && parameters.TryGetValue(kv.Key, out var v) && !Equals(v, kv.Value));
    }
}
