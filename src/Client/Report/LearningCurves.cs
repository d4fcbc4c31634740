namespace ContrastiveOrleans.Client.Report;

/// <summary>The report's learning-curve section: the lines, their plot, and the parameter they are grouped by.</summary>
public sealed record LearningCurves(IReadOnlyList<LearningCurvePlotter.Line> Lines, CurvePlot Plot, string? GroupBy);
