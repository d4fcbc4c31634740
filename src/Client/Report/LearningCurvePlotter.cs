using System.Globalization;
using ContrastiveOrleans.Grains.Contracts;
using ContrastiveOrleans.Grains.Stats;
using ContrastiveOrleans.Experiments.Abstractions;
using ScottPlot;

namespace ContrastiveOrleans.Client.Report;

/// <summary>
/// plots/learning-curves: the training loss against the fraction of training, one line per value of
/// <c>groupBy</c> (the first curve's series; a single line without one): the mean over that group's runs at each of
/// the <see cref="LearningCurve.Samples"/> common fractions, with its 95% Student-t interval over runs.
/// </summary>
public static class LearningCurvePlotter
{
    public const string FileStem = "learning-curves";

    /// <summary>The plot of each run's own curve.</summary>
    public const string RunsFileStem = "learning-curves-runs";

    /// <summary>Runs drawn one by one at most (the first, in sweep order); more would be a blur.</summary>
    public const int MaxRunsDrawn = 200;

    /// <summary>One group's mean loss at each sampled fraction (fraction, mean, low, high, runs).</summary>
    public sealed record Line(string Group, IReadOnlyList<(double Fraction, double Mean, double Low, double High, int N)> Points);

    public static IReadOnlyList<Line> Lines(IEnumerable<PointResult> results, string? groupBy, IReadOnlyList<string>? groupOrder)
    {
        ArgumentNullException.ThrowIfNull(results);
        var groups = new Dictionary<string, SortedDictionary<int, List<double>>>(StringComparer.Ordinal);
        foreach (var result in results)
        {
            if (result is not { Status: PointStatus.Done, Curve: { } curve }) continue;
            var key = "";
            if (groupBy is not null && ParameterSet.FromJson(result.ParamsJson).TryGetValue(groupBy, out var value)) key = CurveAggregator.Text(value);
            if (!groups.TryGetValue(key, out var samples)) groups[key] = samples = [];
            for (var i = 0; i < curve.Loss.Length; i++)
            {
                // The sample index every run shares: runs of different lengths still meet at the same fractions.
                var at = (int)Math.Round(curve.Fraction(i) * LearningCurve.Samples);
                if (!samples.TryGetValue(at, out var losses)) samples[at] = losses = [];
                losses.Add(curve.Loss[i]);
            }
        }
        return [.. CurveLayout.InOrder(groups.OrderBy(g => g.Key, StringComparer.Ordinal), g => g.Key, groupOrder)
            .Select(g => new Line(g.Key, [.. g.Value.Select(kv => Summarize((double)kv.Key / LearningCurve.Samples, kv.Value))]))];
    }

    /// <summary>The runs' mean at one fraction with its Student-t interval (the mean itself from one run).</summary>
    private static (double, double, double, double, int) Summarize(double fraction, List<double> values)
    {
        var score = new ConfigurationScore("");
        foreach (var v in values) score.Add(v);
        var (low, high) = score.N < 2 ? (score.Mean, score.Mean) : score.Interval;
        return (fraction, score.Mean, low, high, score.N);
    }

    public static CurvePlot Render(IReadOnlyList<Line> lines, string? groupBy)
    {
        ArgumentNullException.ThrowIfNull(lines);
        using var plot = new Plot();
        plot.Font.Set("DejaVu Sans");
        for (var s = 0; s < lines.Count; s++)
        {
            var color = plot.Add.Palette.GetColor(s);
            var points = lines[s].Points.Where(p => double.IsFinite(p.Mean) && double.IsFinite(p.Low) && double.IsFinite(p.High)).ToList();
            if (points.Count == 0) continue;
            double[] xs = [.. points.Select(p => p.Fraction)];
            if (points.Any(p => p.N > 1))
            {
                var band = plot.Add.FillY(xs, [.. points.Select(p => p.Low)], [.. points.Select(p => p.High)]);
                band.FillColor = color.WithAlpha(0.2);
                band.LineColor = Colors.Transparent;
            }
            var line = plot.Add.Scatter(xs, [.. points.Select(p => p.Mean)], color);
            line.LegendText = groupBy is null ? "training loss" : $"{groupBy} = {lines[s].Group}";
            line.LineWidth = 2;
            line.MarkerSize = 4;
        }
        plot.Title(lines.Count == 0 ? "learning curves (no training runs)" : "learning curves");
        plot.YLabel("training loss (mean over runs, 95% interval)");
        plot.XLabel("fraction of training");
        if (lines.Count > 0) plot.ShowLegend(Edge.Right);
        return new CurvePlot(plot.GetSvgXml(CurvePlotter.Width, CurvePlotter.Height), plot.GetImageBytes(CurvePlotter.Width, CurvePlotter.Height, ImageFormat.Png));
    }

    /// <summary>Each run's loss against the fraction of training, a thin line per run coloured by its group.</summary>
    public static CurvePlot RenderRuns(IEnumerable<PointResult> results, string? groupBy, IReadOnlyList<string>? groupOrder)
    {
        ArgumentNullException.ThrowIfNull(results);
        var runs = results.Where(r => r is { Status: PointStatus.Done, Curve: not null }).Take(MaxRunsDrawn)
            .Select(r => (Curve: r.Curve!, Group: groupBy is not null && ParameterSet.FromJson(r.ParamsJson).TryGetValue(groupBy, out var v) ? CurveAggregator.Text(v) : "")).ToList();
        var groups = CurveLayout.InOrder(runs.Select(r => r.Group).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal), g => g, groupOrder).ToList();
        using var plot = new Plot();
        plot.Font.Set("DejaVu Sans");
        var labelled = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (curve, group) in runs)
        {
            var color = plot.Add.Palette.GetColor(groups.IndexOf(group));
            var line = plot.Add.ScatterLine([.. Enumerable.Range(0, curve.Loss.Length).Select(curve.Fraction)], curve.Loss, color.WithAlpha(0.6));
            line.LineWidth = 1;
            // One legend entry per group, not per run.
            if (labelled.Add(group)) line.LegendText = groupBy is null ? "training loss" : $"{groupBy} = {group}";
        }
        plot.Title(runs.Count == 0 ? "learning curves of each run (no training runs)" : $"learning curves of each run ({runs.Count})");
        plot.YLabel("training loss");
        plot.XLabel("fraction of training");
        if (runs.Count > 0) plot.ShowLegend(Edge.Right);
        return new CurvePlot(plot.GetSvgXml(CurvePlotter.Width, CurvePlotter.Height), plot.GetImageBytes(CurvePlotter.Width, CurvePlotter.Height, ImageFormat.Png));
    }

    /// <summary>Text for a fraction in the page's table.</summary>
    public static string Percent(double fraction) => (fraction * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";
}
