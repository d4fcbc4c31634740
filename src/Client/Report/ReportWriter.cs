namespace ContrastiveOrleans.Client.Report;

/// <summary>Writes plots/&lt;curve&gt;.svg and .png and report.html into a directory, each file atomically.</summary>
public static class ReportWriter
{
    public const string ReportFile = "report.html";
    public const string PlotsDirectory = "plots";

    /// <summary>The files <see cref="WriteAsync"/> writes, relative to its directory.</summary>
    public static IEnumerable<string> Files(ReportSnapshot report)
    {
        ArgumentNullException.ThrowIfNull(report);
        foreach (var file in Stems(report).Concat(report.HasLearningCurves ? [LearningCurvePlotter.FileStem, LearningCurvePlotter.RunsFileStem] : []).Concat(ScatterPlotter.Stems(report))
            .Concat(report.Spec?.Search.IsAdaptive == true ? [SearchReport.FileStem] : []))
        {
            yield return Path.Combine(PlotsDirectory, file + ".svg");
            yield return Path.Combine(PlotsDirectory, file + ".png");
        }
        if (report.Verdicts is not null) yield return ClaimsCsv.File;
        yield return ReportFile;
    }

    public static async Task WriteAsync(string directory, ReportSnapshot report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        var plotsDir = Path.Combine(directory, PlotsDirectory);
        Directory.CreateDirectory(plotsDir);
        var files = Stems(report);
        var plots = new List<CurvePlot>(report.Curves.Count);
        for (var i = 0; i < report.Curves.Count; i++)
        {
            var curve = report.Curves[i];
            var plot = CurvePlotter.Render(curve, report.RowsOf(curve), CoverageTarget.For(report.Experiment, curve, report.Summary.Alphas),
                CurveLayout.For(report.Spec, curve));
            await Write(plotsDir, files[i], plot, cancellationToken).ConfigureAwait(false);
            plots.Add(plot);
        }
        LearningCurves? learning = null;
        if (report.HasLearningCurves)
        {
            var group = report.LearningGroup;
            var order = report.Curves.FirstOrDefault(c => c.Series == group) is { } first ? CurveLayout.For(report.Spec, first).SeriesOrder : null;
            var lines = LearningCurvePlotter.Lines(report.Summary.Points, group, order);
            learning = new LearningCurves(lines, LearningCurvePlotter.Render(lines, group), LearningCurvePlotter.RenderRuns(report.Summary.Points, group, order), group);
            await Write(plotsDir, LearningCurvePlotter.FileStem, learning.Plot, cancellationToken).ConfigureAwait(false);
            await Write(plotsDir, LearningCurvePlotter.RunsFileStem, learning.Runs, cancellationToken).ConfigureAwait(false);
        }
        if (report.Verdicts is { } verdicts)
        {
            await AtomicFile.WriteAllTextAsync(Path.Combine(directory, ClaimsCsv.File), ClaimsCsv.Format(verdicts), cancellationToken).ConfigureAwait(false);
        }
        var scatters = ScatterPlotter.Render(report);
        foreach (var scatter in scatters) await Write(plotsDir, scatter.Stem, scatter.Plot, cancellationToken).ConfigureAwait(false);
        var search = SearchReport.For(report);
        if (report.Spec?.Search.IsAdaptive == true)
        {
            // Always written for a search (listed in Files): an empty plot until a configuration has finished.
            await Write(plotsDir, SearchReport.FileStem, search?.Plot ?? EmptyPlot(), cancellationToken).ConfigureAwait(false);
        }
        // The page last: a reader that sees the new page also finds the plot files it names.
        await AtomicFile.WriteAllTextAsync(Path.Combine(directory, ReportFile), HtmlReport.Render(report, plots, files, learning, scatters, search), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Plot file stems of the curves; the learning curves' stem is reserved, so a curve of that name gets a suffix.</summary>
    private static IReadOnlyList<string> Stems(ReportSnapshot report) =>
        [.. PlotFileNames.Assign([LearningCurvePlotter.FileStem, LearningCurvePlotter.RunsFileStem, .. report.Curves.Select(c => c.Name)]).Skip(2)];

    private static CurvePlot EmptyPlot()
    {
        using var plot = new ScottPlot.Plot();
        plot.Title("no configuration finished yet");
        return new CurvePlot(plot.GetSvgXml(CurvePlotter.Width, CurvePlotter.Height), plot.GetImageBytes(CurvePlotter.Width, CurvePlotter.Height, ScottPlot.ImageFormat.Png));
    }

    private static async Task Write(string plotsDir, string stem, CurvePlot plot, CancellationToken cancellationToken)
    {
        await AtomicFile.WriteAllTextAsync(Path.Combine(plotsDir, stem + ".svg"), plot.Svg, cancellationToken).ConfigureAwait(false);
        await AtomicFile.WriteAllBytesAsync(Path.Combine(plotsDir, stem + ".png"), plot.Png, cancellationToken).ConfigureAwait(false);
    }
}
