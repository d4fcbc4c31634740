using System.Globalization;
using System.Text;
using ContrastiveOrleans.Sweeps;

namespace ContrastiveOrleans.Client.Report;

/// <summary>
/// compare.html: like report.html, one self-contained page: the sweeps compared (with their provenance), then per
/// curve name the overlaid plot and each later sweep's difference from the first one that has the curve.
/// </summary>
public static class ComparePage
{
    public const string File = "compare.html";

    public sealed record Section(CurveSpec Curve, IReadOnlyList<ComparedSweep> Sweeps, CurvePlot Plot, string Stem, IReadOnlyList<CurveDifference> Differences);

    public static string Render(IReadOnlyList<ComparedSweep> sweeps, IReadOnlyList<Section> sections)
    {
        ArgumentNullException.ThrowIfNull(sweeps);
        ArgumentNullException.ThrowIfNull(sections);
        var h = new StringBuilder();
        var title = "compare: " + string.Join(" vs ", sweeps.Select(s => s.Label));
        h.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\" />\n<title>").Append(Html.Text(title)).Append("</title>\n<style>\n")
            .Append(HtmlReport.Style).Append("td.sig { font-weight: bold; }\n").Append("</style>\n</head>\n<body>\n<h1>").Append(Html.Text(title)).Append("</h1>\n");
        h.Append("<h2>Sweeps</h2>\n<table class=\"sweeps\">\n<tr><th>label</th><th>directory</th><th>experiment</th><th>points</th><th>tool</th><th>points ran</th></tr>\n");
        foreach (var s in sweeps)
        {
            var tool = s.Summary.Provenance.TryGetValue("tool", out var t) ? string.Join(", ", t) : "";
            var ran = s.Summary.FirstStart is { } a && s.Summary.LastFinish is { } b
                ? $"{a.UtcDateTime.ToString("u", CultureInfo.InvariantCulture)} to {b.UtcDateTime.ToString("u", CultureInfo.InvariantCulture)}" : "";
            h.Append("<tr><td>").Append(Html.Text(s.Label)).Append("</td><td><code>").Append(Html.Text(s.Directory)).Append("</code></td><td>")
                .Append(Html.Text(s.Spec.Experiment.Name)).Append(" v").Append(Html.Text(s.Spec.Experiment.Version)).Append("</td><td class=\"num\">")
                .Append(s.Summary.Done.ToString(CultureInfo.InvariantCulture)).Append(" done, ").Append(s.Summary.Failed.ToString(CultureInfo.InvariantCulture))
                .Append(" failed</td><td>").Append(Html.Text(tool)).Append("</td><td>").Append(Html.Text(ran)).Append("</td></tr>\n");
        }
        h.Append("</table>\n");
        foreach (var section in sections)
        {
            var curve = section.Curve;
            h.Append("<section class=\"curve\">\n<h2>").Append(Html.Text(curve.Name)).Append("</h2>\n<p>").Append(Html.Text(curve.Metric))
                .Append(" against ").Append(Html.Text(curve.X));
            if (curve.Series is not null) h.Append(", one colour per ").Append(Html.Text(curve.Series));
            h.Append("; one line style per sweep (").Append(Html.Text(string.Join(", ", section.Sweeps.Select(s => s.Label))))
                .Append("); mean over seeds with its 95% interval. Files: <code>plots/").Append(Html.Text(section.Stem)).Append(".svg</code>, <code>.png</code>.</p>\n");
            Html.Plot(h, curve.Name, section.Plot);
            if (section.Sweeps.Count < 2)
            {
                h.Append("<p>Only ").Append(Html.Text(section.Sweeps[0].Label)).Append(" has this curve.</p>\n</section>\n");
                continue;
            }
            h.Append("<p>Differences from ").Append(Html.Text(section.Sweeps[0].Label))
                .Append(" at each point both have: other − baseline, with the 95% Welch interval; in bold where it excludes 0.</p>\n");
            h.Append("<table class=\"differences\">\n<tr><th>sweep</th>");
            var lines = curve.Series is not null || curve.GroupBy.Count > 0;
            if (lines) h.Append("<th>").Append(Html.Text(string.Join(" · ", new[] { curve.Series }.OfType<string>().Concat(curve.GroupBy)))).Append("</th>");
            h.Append("<th>").Append(Html.Text(curve.X)).Append("</th><th>baseline</th><th>other</th><th>difference</th><th>ci_low</th><th>ci_high</th><th>n</th></tr>\n");
            foreach (var d in section.Differences)
            {
                var excludesZero = d.Low > 0 || d.High < 0;
                h.Append("<tr><td>").Append(Html.Text(d.Sweep)).Append("</td>");
                if (lines) h.Append("<td>").Append(Html.Text(d.Series)).Append("</td>");
                h.Append("<td>").Append(Html.Text(d.X)).Append("</td>");
                foreach (var v in new[] { d.Baseline, d.Other }) h.Append("<td class=\"num\">").Append(Number(v)).Append("</td>");
                h.Append(excludesZero ? "<td class=\"num sig\">" : "<td class=\"num\">").Append(Number(d.Difference)).Append("</td>");
                foreach (var v in new[] { d.Low, d.High }) h.Append("<td class=\"num\">").Append(Number(v)).Append("</td>");
                h.Append("<td class=\"num\">").Append(d.BaselineN.ToString(CultureInfo.InvariantCulture)).Append(" / ").Append(d.OtherN.ToString(CultureInfo.InvariantCulture)).Append("</td></tr>\n");
            }
            h.Append("</table>\n</section>\n");
        }
        h.Append("</body>\n</html>\n");
        return h.ToString();
    }

    public static string Number(double v) => double.IsNaN(v) ? "-" : v.ToString("G6", CultureInfo.InvariantCulture);
}
