namespace ContrastiveOrleans.Grains.Contracts;

/// <summary>One row of curves.csv: a metric's mean and 95% Student-t interval over seeds at one (series, x).</summary>
[GenerateSerializer, Immutable]
public sealed record CurveRow(string Curve, string Series, string X, string Metric, double Mean, double CiLow, double CiHigh, int N);
