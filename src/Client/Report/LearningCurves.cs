namespace ContrastiveOrleans.Client.Report;

/// <summary>The report's learning-curve section: the lines, their plot, each run's curves, and the parameter they are grouped by.</summary>
public sealed record LearningCurves(IReadOnlyList<LearningCurvePlotter.Line> Lines, CurvePlot Plot, CurvePlot Runs, string? GroupBy);
