using ContrastiveOrleans.Sweeps;
using ScottPlot;

namespace ContrastiveOrleans.Client.Report;

/// <summary>
/// One curve of several sweeps overlaid: a colour per series, a line pattern and marker per sweep (numeric x), or
/// points with error bars side by side (text x). Intervals are clipped to the metric's range as in a report.
/// </summary>
public static class ComparePlotter
{
    private static readonly LinePattern[] Patterns = [LinePattern.Solid, LinePattern.Dashed, LinePattern.Dotted, LinePattern.DenselyDashed];
    private static readonly MarkerShape[] Markers = [MarkerShape.FilledCircle, MarkerShape.FilledSquare, MarkerShape.FilledTriangleUp, MarkerShape.FilledDiamond];

    public static CurvePlot Render(CurveSpec curve, IReadOnlyList<ComparedSweep> sweeps)
    {
        ArgumentNullException.ThrowIfNull(curve);
        ArgumentNullException.ThrowIfNull(sweeps);
        using var plot = new Plot();
        plot.Font.Set("DejaVu Sans");
        var layouts = sweeps.Select(s => CurveLayout.For(s.Spec, s.Spec.Curves.FirstOrDefault(c => c.Name == curve.Name) ?? curve)).ToList();
        var rows = sweeps.Select((s, i) => s.Rows.Where(r => r.Curve == curve.Name && double.IsFinite(r.Mean) && double.IsFinite(r.CiLow) && double.IsFinite(r.CiHigh))
            .Select(r => r with { CiLow = layouts[i].Clip(r.CiLow), CiHigh = layouts[i].Clip(r.CiHigh) }).ToList()).ToList();
        var axis = CurveAxis.For(rows.SelectMany(r => r).Select(r => r.X), layouts[0].XOrder);
        var seriesNames = CurveLayout.InOrder(rows.SelectMany(r => r).Select(r => r.Series).Distinct(StringComparer.Ordinal), s => s, layouts[0].SeriesOrder).ToList();
        var slots = sweeps.Count * seriesNames.Count;
        for (var k = 0; k < sweeps.Count; k++)
        {
            foreach (var group in rows[k].GroupBy(r => r.Series, StringComparer.Ordinal))
            {
                var s = seriesNames.IndexOf(group.Key);
                var color = plot.Add.Palette.GetColor(s);
                var label = curve.Series is null || group.Key.Length == 0 ? sweeps[k].Label : $"{sweeps[k].Label}: {curve.Series} = {group.Key}";
                var ordered = group.OrderBy(r => axis.Position(r.X)).ToList();
                if (axis.IsNumeric && !layouts[k].RandomX)
                {
                    double[] xs = [.. ordered.Select(r => axis.Position(r.X))];
                    if (ordered.Any(r => r.N > 1))
                    {
                        var band = plot.Add.FillY(xs, [.. ordered.Select(r => r.CiLow)], [.. ordered.Select(r => r.CiHigh)]);
                        band.FillColor = color.WithAlpha(0.12);
                        band.LineColor = Colors.Transparent;
                    }
                    var line = plot.Add.Scatter(xs, [.. ordered.Select(r => r.Mean)], color);
                    line.LinePattern = Patterns[k % Patterns.Length];
                    line.MarkerShape = Markers[k % Markers.Length];
                    line.LineWidth = 2;
                    line.MarkerSize = 7;
                    line.LegendText = label;
                }
                else
                {
                    var slot = (k * seriesNames.Count) + s;
                    var offset = axis.IsNumeric || slots == 1 ? 0 : ((slot / (slots - 1.0)) - 0.5) * 0.6;
                    double[] xs = [.. ordered.Select(r => axis.Position(r.X) + offset)];
                    double[] means = [.. ordered.Select(r => r.Mean)];
                    var bars = plot.Add.ErrorBar(xs, means, [.. ordered.Select(r => r.CiHigh - r.Mean)]);
                    bars.YErrorNegative = [.. ordered.Select(r => r.Mean - r.CiLow)];
                    bars.Color = color;
                    var points = plot.Add.ScatterPoints(xs, means, color);
                    points.MarkerShape = Markers[k % Markers.Length];
                    points.MarkerSize = 9;
                    points.LegendText = label;
                }
            }
        }
        plot.Title(curve.Name);
        CurvePlotter.LabelAxes(plot, axis, curve);
        plot.ShowLegend(Edge.Right);
        return new CurvePlot(plot.GetSvgXml(CurvePlotter.Width, CurvePlotter.Height), plot.GetImageBytes(CurvePlotter.Width, CurvePlotter.Height, ImageFormat.Png));
    }
}
