using ContrastiveOrleans.Grains.Contracts;
using ContrastiveOrleans.Sweeps.Search;
using ScottPlot;

namespace ContrastiveOrleans.Client.Report;

/// <summary>
/// An adaptive search in the report: every decision (unit) with its status, score and reason; the best configuration
/// (asha: at the last rung); and the best score so far against the resource spent, units in the order they were issued.
/// </summary>
public sealed record SearchReport(SearchSpec Search, IReadOnlyList<SearchUnitRow> Units, SearchUnitRow? Best, CurvePlot? Plot)
{
    public const string FileStem = "search-best";

    /// <summary>The search's section, or null for a grid or random sweep (or one without marked points).</summary>
    public static SearchReport? For(ReportSnapshot report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (report.Spec?.Search is not { IsAdaptive: true } search) return null;
        var metric = search.Metric!;
        var units = report.Summary.Points.Where(p => p.Search is not null).GroupBy(p => p.Search!.Unit).OrderBy(g => g.Key).Select(g =>
        {
            var points = g.ToList();
            var mark = points[0].Search!;
            var status = points.All(p => p.Status == PointStatus.Done) ? "done" : points.Any(p => p.Status == PointStatus.Stopped) ? "stopped" : "failed";
            double? score = status == "done" && points.All(p => p.Metrics.ContainsKey(metric)) ? points.Average(p => p.Metrics[metric]) : null;
            var spent = points.Sum(p => (double)(mark.Resource ?? 0) * (p.Status == PointStatus.Stopped ? p.Metrics.GetValueOrDefault("stopped_fraction", 1) : p.Status == PointStatus.Done ? 1 : 0));
            var why = points.FirstOrDefault(p => p.Status != PointStatus.Done)?.Error;
            return new SearchUnitRow(mark, status, score, spent, points[0].ParamsJson, why is null ? mark.Reason : $"{mark.Reason}; {why}");
        }).ToList();
        if (units.Count == 0) return null;
        var last = search.Algorithm == SearchAlgorithm.Asha ? search.Rungs().Count - 1 : 0;
        SearchUnitRow? best = null;
        var xs = new List<double>();
        var ys = new List<double>();
        var spentSoFar = 0.0;
        foreach (var unit in units)
        {
            spentSoFar += search.Resource is null ? 1 : unit.Spent;
            if (unit.Score is { } s && unit.Mark.Rung == last && (best?.Score is not { } b || (search.Maximize ? s > b : s < b))) best = unit;
            if (best?.Score is { } y)
            {
                xs.Add(spentSoFar);
                ys.Add(y);
            }
        }
        return new SearchReport(search, units, best, xs.Count == 0 ? null : Render(search, xs, ys));
    }

    private static CurvePlot Render(SearchSpec search, List<double> xs, List<double> ys)
    {
        using var plot = new Plot();
        plot.Font.Set("DejaVu Sans");
        var line = plot.Add.ScatterLine(xs.ToArray(), ys.ToArray());
        line.ConnectStyle = ConnectStyle.StepHorizontal;
        line.LegendText = $"best {search.Metric} so far";
        plot.Title($"{SearchSpec.Name(search.Algorithm)}: best {search.Metric} ({(search.Maximize ? "max" : "min")}) against compute spent");
        plot.XLabel(search.Resource is { } r ? $"{r} spent (sum over points, in the order units were issued)" : "configurations finished");
        plot.YLabel(search.Metric!);
        return new CurvePlot(plot.GetSvgXml(CurvePlotter.Width, CurvePlotter.Height), plot.GetImageBytes(CurvePlotter.Width, CurvePlotter.Height, ImageFormat.Png));
    }
}
