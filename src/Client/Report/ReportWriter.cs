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
        foreach (var file in PlotFileNames.Assign(report.Curves.Select(c => c.Name)))
        {
            yield return Path.Combine(PlotsDirectory, file + ".svg");
            yield return Path.Combine(PlotsDirectory, file + ".png");
        }
        yield return ReportFile;
    }

    public static async Task WriteAsync(string directory, ReportSnapshot report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        var plotsDir = Path.Combine(directory, PlotsDirectory);
        Directory.CreateDirectory(plotsDir);
        var files = PlotFileNames.Assign(report.Curves.Select(c => c.Name));
        var plots = new List<CurvePlot>(report.Curves.Count);
        for (var i = 0; i < report.Curves.Count; i++)
        {
            var curve = report.Curves[i];
            var plot = CurvePlotter.Render(curve, report.RowsOf(curve), CoverageTarget.For(report.Experiment, curve, report.Summary.Alphas));
            await AtomicFile.WriteAllTextAsync(Path.Combine(plotsDir, files[i] + ".svg"), plot.Svg, cancellationToken).ConfigureAwait(false);
            await AtomicFile.WriteAllBytesAsync(Path.Combine(plotsDir, files[i] + ".png"), plot.Png, cancellationToken).ConfigureAwait(false);
            plots.Add(plot);
        }
        // The page last: a reader that sees the new page also finds the plot files it names.
        await AtomicFile.WriteAllTextAsync(Path.Combine(directory, ReportFile), HtmlReport.Render(report, plots, files), cancellationToken).ConfigureAwait(false);
    }
}
