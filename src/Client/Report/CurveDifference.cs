namespace ContrastiveOrleans.Client.Report;

/// <summary>One (series, x) of a curve in two sweeps: other − baseline with its 95% Welch interval.</summary>
public sealed record CurveDifference(
    string Curve, string Series, string X, string Sweep, double Baseline, double Other, double Difference, double Low, double High,
    int BaselineN, int OtherN);
