namespace ContrastiveOrleans.Grains.Contracts;

/// <summary>One row of curves.csv: a metric's mean and 95% Student-t interval over seeds at one (series, x).</summary>
[GenerateSerializer, Immutable]
public sealed record CurveRow(
    [Id(0)] string Curve,
    [Id(1)] string Series,
    [Id(2)] string X,
    [Id(3)] string Metric,
    [Id(4)] double Mean,
    [Id(5)] double CiLow,
    [Id(6)] double CiHigh,
    [Id(7)] int N);
