namespace ContrastiveOrleans.Client.Report;

/// <summary>One random-search scatter: a metric against a sampled parameter, its plot and its file stem.</summary>
public sealed record ScatterPlot(string Metric, string Parameter, string Stem, int Points, CurvePlot Plot);
