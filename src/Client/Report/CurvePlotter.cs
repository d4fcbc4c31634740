using ContrastiveOrleans.Sweeps;
using System.Globalization;
using ContrastiveOrleans.Grains.Contracts;
using ScottPlot;
using ScottPlot.TickGenerators;

namespace ContrastiveOrleans.Client.Report;

/// <summary>
/// Draws a curve with ScottPlot: per series the mean line and its 95% interval band (numeric x, log10 when the
/// values span decades) or points with error bars beside each category (text x), plus a conformal coverage target.
/// Series and categories follow the grid's order, intervals are clipped to the metric's range, and an x drawn at random
/// is shown as points with error bars (see <see cref="CurveLayout"/>).
/// </summary>
public static class CurvePlotter
{
    public const int Width = 800;
    public const int Height = 500;

    public static CurvePlot Render(CurveSpec curve, IReadOnlyList<CurveRow> rows, CoverageTarget? target = null, CurveLayout? layout = null)
    {
        ArgumentNullException.ThrowIfNull(curve);
        ArgumentNullException.ThrowIfNull(rows);
        layout ??= CurveLayout.None;
        using var plot = new Plot();
        // DejaVu ships with Debian (fonts-dejavu-core); Skia falls back to any installed face elsewhere.
        plot.Font.Set("DejaVu Sans");
        // A metric can be NaN or infinite (a diverged run); such rows stay in the report's table but cannot be drawn.
        rows = [.. rows.Where(r => double.IsFinite(r.Mean) && double.IsFinite(r.CiLow) && double.IsFinite(r.CiHigh))
            .Select(r => r with { CiLow = layout.Clip(r.CiLow), CiHigh = layout.Clip(r.CiHigh) })];
        var axis = CurveAxis.For(rows.Select(r => r.X), layout.XOrder);
        var series = CurveLayout.InOrder(rows.GroupBy(r => r.Series, StringComparer.Ordinal), g => g.Key, layout.SeriesOrder).ToList();
        for (var s = 0; s < series.Count; s++)
        {
            var color = plot.Add.Palette.GetColor(s);
            var key = series[s].Key;
            var label = curve.Series is null ? (key.Length == 0 ? curve.Metric : key) : $"{curve.Series} = {key}";
            if (axis.IsNumeric && !layout.RandomX) AddLine(plot, axis, [.. series[s]], color, label);
            else AddPoints(plot, axis, [.. series[s]], color, label, axis.IsNumeric ? 0 : s, axis.IsNumeric ? 1 : series.Count);
        }
        if (target is not null && (!target.AlphaIsX || (axis.IsNumeric && rows.Count > 0))) AddTarget(plot, axis, rows, target);

        plot.Title(rows.Count == 0 ? $"{curve.Name} (no results yet)" : curve.Name);
        LabelAxes(plot, axis, curve);
        if (series.Count > 0 || target is not null) plot.ShowLegend(Edge.Right);   // beside the data, never over it
        return new CurvePlot(plot.GetSvgXml(Width, Height), plot.GetImageBytes(Width, Height, ImageFormat.Png));
    }

    /// <summary>Axis titles, and ticks for a log or categorical x (compare's overlays share them).</summary>
    internal static void LabelAxes(Plot plot, CurveAxis axis, CurveSpec curve)
    {
        plot.YLabel(curve.Metric);
        plot.XLabel(axis.IsLog ? $"{curve.X} (log scale)" : curve.X);
        if (axis.IsLog)
        {
            plot.Axes.Bottom.TickGenerator = new NumericAutomatic
            {
                MinorTickGenerator = new LogMinorTickGenerator(),
                IntegerTicksOnly = true,
                LabelFormatter = v => Math.Pow(10, v).ToString("G4", CultureInfo.InvariantCulture),
            };
        }
        else if (!axis.IsNumeric)
        {
            plot.Axes.Bottom.TickGenerator = new NumericManual(
                [.. Enumerable.Range(0, axis.Categories.Count).Select(i => (double)i)], [.. axis.Categories]);
            plot.Axes.SetLimitsX(-0.6, Math.Max(axis.Categories.Count, 1) - 0.4);
        }
    }

    private static void AddLine(Plot plot, CurveAxis axis, List<CurveRow> rows, Color color, string label)
    {
        var ordered = rows.OrderBy(r => axis.Position(r.X)).ToList();
        double[] xs = [.. ordered.Select(r => axis.Position(r.X))];
        if (ordered.Any(r => r.N > 1))
        {
            var band = plot.Add.FillY(xs, [.. ordered.Select(r => r.CiLow)], [.. ordered.Select(r => r.CiHigh)]);
            band.FillColor = color.WithAlpha(0.2);
            band.LineColor = Colors.Transparent;
        }
        var line = plot.Add.Scatter(xs, [.. ordered.Select(r => r.Mean)], color);
        line.LegendText = label;
        line.LineWidth = 2;
        line.MarkerSize = 6;
    }

    private static void AddPoints(Plot plot, CurveAxis axis, List<CurveRow> rows, Color color, string label, int index, int count)
    {
        // Series sit side by side within a category's slot so their error bars do not overlap.
        var offset = count == 1 ? 0 : ((index / (count - 1.0)) - 0.5) * 0.4;
        double[] xs = [.. rows.Select(r => axis.Position(r.X) + offset)];
        double[] means = [.. rows.Select(r => r.Mean)];
        // Asymmetric once clipped to the metric's range.
        var bars = plot.Add.ErrorBar(xs, means, [.. rows.Select(r => r.CiHigh - r.Mean)]);
        bars.YErrorNegative = [.. rows.Select(r => r.Mean - r.CiLow)];
        bars.Color = color;
        var points = plot.Add.ScatterPoints(xs, means, color);
        points.LegendText = label;
        points.MarkerSize = 9;
    }

    private static void AddTarget(Plot plot, CurveAxis axis, IReadOnlyList<CurveRow> rows, CoverageTarget target)
    {
        var color = Colors.Black;
        if (target.AlphaIsX)
        {
            var alphas = rows.Select(r => CurveAxis.TryNumber(r.X)).OfType<double>().ToList();
            double lo = alphas.Min(), hi = alphas.Max();
            // Sampled densely so the line stays straight in data space on a log axis too.
            var samples = Enumerable.Range(0, 41).Select(i => axis.IsLog ? lo * Math.Pow(hi / lo, i / 40.0) : lo + ((hi - lo) * i / 40.0)).ToList();
            double[] xs = [.. samples.Select(axis.Position)];
            double[] ys = [.. samples.Select(a => 1 - a)];
            var line = plot.Add.ScatterLine(xs, ys, color);
            line.LinePattern = LinePattern.Dashed;
            line.LegendText = "target 1 − α";
            return;
        }
        foreach (var alpha in target.Alphas)
        {
            var line = plot.Add.HorizontalLine(1 - alpha, 1.5f, color, LinePattern.Dashed);
            line.LegendText = string.Create(CultureInfo.InvariantCulture, $"target 1 − α = {1 - alpha:G4}");
        }
    }
}
