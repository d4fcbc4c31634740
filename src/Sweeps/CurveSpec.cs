namespace ContrastiveOrleans.Sweeps;

/// <summary>One curve of a sweep: <paramref name="Metric"/> against parameter <paramref name="X"/>, one line per value of
/// <paramref name="Series"/> (null: a single line).</summary>
public sealed record CurveSpec(string Name, string X, string? Series, string Metric);
