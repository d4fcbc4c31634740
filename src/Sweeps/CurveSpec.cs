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
}
