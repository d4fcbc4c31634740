using System.Globalization;
using ContrastiveOrleans.Experiments.Abstractions;
using ContrastiveOrleans.Grains.Contracts;
using ContrastiveOrleans.Grains.Stats;
using ContrastiveOrleans.Sweeps;
using ScottPlot;

namespace ContrastiveOrleans.Client.Report;

/// <summary>
/// For a random search: each curve's metric against each numeric sampled parameter, one marker per point (no lines:
/// draws are unrelated), coloured by the first curve's series, on a log axis for a log-uniform dimension.
/// </summary>
public static class ScatterPlotter
{
    /// <summary>Plots at most this many (metrics × dimensions), so a wide search does not bury the page.</summary>
    public const int MaxPlots = 12;

    public static IReadOnlyList<ScatterPlot> Render(ReportSnapshot report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var pairs = Pairs(report);
        if (pairs.Count == 0) return [];
        var series = report.Curves.Select(c => c.Series).FirstOrDefault(s => s is not null);
        var done = report.Summary.Points.Where(p => p.Status == PointStatus.Done)
            .Select(p => (Result: p, Parameters: ParameterSet.FromJson(p.ParamsJson))).ToList();
        var plots = new List<ScatterPlot>();
        foreach (var (metric, dimension, stem) in pairs)
        {
            var log = dimension.Kind == DistributionKind.LogUniform;
            var points = done.Where(p => p.Result.Metrics.TryGetValue(metric, out var v) && double.IsFinite(v) && p.Parameters.TryGetValue(dimension.Name, out var x) && x is double or long)
                .Select(p => (X: Convert.ToDouble(p.Parameters[dimension.Name], CultureInfo.InvariantCulture), Y: p.Result.Metrics[metric],
                    Group: series is not null && p.Parameters.TryGetValue(series, out var g) ? CurveAggregator.Text(g) : ""))
                .Where(p => !log || p.X > 0).ToList();
            using var plot = new Plot();
            plot.Font.Set("DejaVu Sans");
            var groups = points.GroupBy(p => p.Group, StringComparer.Ordinal).ToList();
            for (var i = 0; i < groups.Count; i++)
            {
                double[] xs = [.. groups[i].Select(p => log ? Math.Log10(p.X) : p.X)];
                var markers = plot.Add.ScatterPoints(xs, [.. groups[i].Select(p => p.Y)], plot.Add.Palette.GetColor(i));
                markers.MarkerSize = 6;
                markers.LegendText = series is null ? metric : $"{series} = {groups[i].Key}";
            }
            plot.Title($"{metric} against {dimension.Name} (random search, one marker per point)");
            plot.YLabel(metric);
            plot.XLabel(log ? $"{dimension.Name} (log scale)" : dimension.Name);
            if (log)
            {
                plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
                {
                    MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
                    LabelFormatter = v => Math.Pow(10, v).ToString("G3", CultureInfo.InvariantCulture),
                };
            }
            if (groups.Count > 0) plot.ShowLegend(Edge.Right);
            plots.Add(new ScatterPlot(metric, dimension.Name, stem, points.Count,
                new CurvePlot(plot.GetSvgXml(CurvePlotter.Width, CurvePlotter.Height), plot.GetImageBytes(CurvePlotter.Width, CurvePlotter.Height, ImageFormat.Png))));
        }
        return plots;
    }

    /// <summary>The file stems <see cref="Render"/> writes, without drawing (for the output's list of files).</summary>
    public static IReadOnlyList<string> Stems(ReportSnapshot report) => [.. Pairs(report).Select(p => p.Stem)];

    /// <summary>
    /// Each curve metric against each numeric sampled dimension (at most <see cref="MaxPlots"/>), with its file stem:
    /// assigned after the learning curves' and the curves' own, so no two plots of a report share a file.
    /// </summary>
    private static List<(string Metric, RandomDimension Dimension, string Stem)> Pairs(ReportSnapshot report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (report.Spec?.Random is not { } random) return [];
        var dimensions = random.Space.Where(d => d.Kind != DistributionKind.Choice || d.Choices.All(c => c is double or long)).ToList();
        var pairs = report.Curves.Select(c => c.Metric).Distinct(StringComparer.Ordinal).SelectMany(m => dimensions.Select(d => (Metric: m, Dimension: d))).ToList();
        var names = PlotFileNames.Assign([LearningCurvePlotter.FileStem, LearningCurvePlotter.RunsFileStem, .. report.Curves.Select(c => c.Name),
            .. pairs.Select(p => $"scatter-{p.Metric}-{p.Dimension.Name}")]);
        var first = report.Curves.Count + 2;
        return [.. pairs.Take(MaxPlots).Select((p, i) => (p.Metric, p.Dimension, names[first + i]))];
    }
}
