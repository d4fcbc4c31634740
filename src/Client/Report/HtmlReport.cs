using ContrastiveOrleans.Sweeps;
using System.Globalization;
using System.Text;

namespace ContrastiveOrleans.Client.Report;

/// <summary>
/// report.html: one self-contained page (plots as SVG data: URIs, no external resources; one small inline script sorts
/// and filters the points table, which reads the same without it). Each plot is an &lt;img&gt; rather than inline SVG so
/// that the element ids ScottPlot writes cannot clash between plots. Sections: summary with provenance, one per curve,
/// the search's decisions (asha, median, tpe), learning curves, every point, failures, the sweep file.
/// </summary>
public static class HtmlReport
{
    /// <summary>Seconds between reloads of a live page (the refresher rewrites it at about this pace).</summary>
    public const int LiveReloadSeconds = 10;

    private const int MaxFailuresListed = 500;

    /// <summary>The look every page of the tool shares (report, compare, verify).</summary>
    internal const string Style = """
        body { font-family: 'DejaVu Sans', Arial, sans-serif; margin: 2em auto; max-width: 1000px; color: #222; }
        h1 { font-size: 1.6em; } h2 { font-size: 1.25em; margin-top: 2em; border-bottom: 1px solid #ccc; }
        table { border-collapse: collapse; margin: 0.5em 0; font-size: 0.9em; }
        th, td { border: 1px solid #ccc; padding: 2px 8px; text-align: left; }
        td.num { text-align: right; font-variant-numeric: tabular-nums; }
        pre { background: #f6f6f6; padding: 0.8em; overflow-x: auto; }
        img.plot { max-width: 100%; border: 1px solid #eee; }
        table.points th { cursor: pointer; white-space: nowrap; }
        table.points th[aria-sort=ascending]::after { content: " ▲"; } table.points th[aria-sort=descending]::after { content: " ▼"; }
        #points { overflow-x: auto; }
        .live { background: #fff4c2; padding: 0.5em; }
        tr.holds td:nth-child(8) { color: #1a7f37; } tr.fails td:nth-child(8) { color: #cf222e; } tr.inconclusive td:nth-child(8) { color: #9a6700; }
        """;

    public static string Render(ReportSnapshot report, IReadOnlyList<CurvePlot> plots, IReadOnlyList<string> plotFiles, LearningCurves? learning = null,
        IReadOnlyList<ScatterPlot>? scatters = null, SearchReport? search = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(plots);
        ArgumentNullException.ThrowIfNull(plotFiles);
        var h = new StringBuilder();
        h.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\" />\n");
        if (report.Live) h.Append(Invariant($"<meta http-equiv=\"refresh\" content=\"{LiveReloadSeconds}\" />\n"));
        h.Append("<title>").Append(Html.Text(report.Name)).Append(" — contrastive report</title>\n");
        h.Append("<style>\n").Append(Style).Append("</style>\n</head>\n<body>\n");
        h.Append("<h1>").Append(Html.Text(report.Name)).Append("</h1>\n");
        if (report.Live)
        {
            h.Append("<p class=\"live\">Running: this page reloads every ").Append(LiveReloadSeconds)
                .Append(" s and is rewritten as results arrive.</p>\n");
        }
        if (report.Verdicts is { } verdicts) Claims(h, verdicts, report.Live);
        Summary(h, report);
        if (search is not null) SearchSection.Append(h, search);
        for (var i = 0; i < report.Curves.Count; i++) Curve(h, report, report.Curves[i], plots[i], plotFiles[i]);
        if (scatters is { Count: > 0 }) Scatters(h, scatters);
        if (learning is not null) Learning(h, learning);
        PointsSection.Append(h, report);
        Failures(h, report);
        h.Append("<h2>Sweep</h2>\n<pre>").Append(Html.Text(report.SpecYaml)).Append("</pre>\n");
        h.Append("</body>\n</html>\n");
        return h.ToString();
    }

    private static void Summary(StringBuilder h, ReportSnapshot r)
    {
        var wall = r.WallTime is { } t ? Invariant($"{t.TotalSeconds:0.0} s") : "unknown (rebuilt from points.jsonl)";
        var compute = TimeSpan.FromMilliseconds(r.Summary.ComputeMs);
        h.Append("<h2>Summary</h2>\n<table class=\"summary\">\n");
        Row(h, "experiment", Html.Text(r.Experiment));
        Row(h, "points", Invariant($"{r.Summary.Finished} of {r.Total} finished"));
        Row(h, "done", Invariant($"{r.Done} ({r.Cached} reused from the store)"));
        Row(h, "failed", Invariant($"{r.Failed}"));
        if (r.Summary.Stopped > 0) Row(h, "stopped early", Invariant($"{r.Summary.Stopped}"));
        Row(h, "wall time", wall);
        Row(h, "point time (sum)", Invariant($"{compute.TotalSeconds:0.0} s"));
        Row(h, "generated", Html.Text(r.GeneratedAt.ToString("u", CultureInfo.InvariantCulture)) + " by contrastive "
            + Html.Text(Experiments.Abstractions.BuildInfo.Version + (Experiments.Abstractions.BuildInfo.Commit is { } c ? "+" + c : "")));
        if (r.Summary.FirstStart is { } first && r.Summary.LastFinish is { } last)
        {
            Row(h, "points ran", Html.Text($"{first.UtcDateTime.ToString("u", CultureInfo.InvariantCulture)} to {last.UtcDateTime.ToString("u", CultureInfo.InvariantCulture)}"));
        }
        foreach (var (field, values) in r.Summary.Provenance)
        {
            var listed = string.Join(", ", values.Take(ResultSummary.MaxProvenanceValues));
            Row(h, Html.Text(field), Html.Text(values.Count > ResultSummary.MaxProvenanceValues ? listed + ", …" : listed));
        }
        if (r.Summary.Finished > r.Summary.WithProvenance)
        {
            Row(h, "provenance", Invariant($"recorded for {r.Summary.WithProvenance} of {r.Summary.Finished} results (older results have none)"));
        }
        h.Append("</table>\n");
    }

    private static void Scatters(StringBuilder h, IReadOnlyList<ScatterPlot> scatters)
    {
        h.Append("<section class=\"scatter\">\n<h2>Random search</h2>\n<p>Each metric against each sampled parameter, one marker per point (over the first ")
            .Append(ResultSummary.MaxPointsKept).Append(" points at most).</p>\n");
        foreach (var s in scatters)
        {
            h.Append("<h3>").Append(Html.Text(s.Metric)).Append(" against ").Append(Html.Text(s.Parameter)).Append("</h3>\n<p>")
                .Append(s.Points.ToString(CultureInfo.InvariantCulture)).Append(" points. Files: <code>plots/").Append(Html.Text(s.Stem)).Append(".svg</code>, <code>.png</code>.</p>\n");
            Html.Plot(h, $"{s.Metric} against {s.Parameter}", s.Plot);
        }
        h.Append("</section>\n");
    }

    private static void Learning(StringBuilder h, LearningCurves learning)
    {
        h.Append("<section class=\"learning\">\n<h2>Learning curves</h2>\n<p>Training loss against the fraction of training");
        if (learning.GroupBy is not null) h.Append(", one line per ").Append(Html.Text(learning.GroupBy));
        h.Append("; mean over runs with its 95% Student-t interval (over the first ").Append(ResultSummary.MaxPointsKept)
            .Append(" points at most). Each point's own curve is in <code>points.jsonl</code> (<code>curve</code>). Files: <code>plots/")
            .Append(LearningCurvePlotter.FileStem).Append(".svg</code>, <code>.png</code>.</p>\n");
        Html.Plot(h, "learning curves", learning.Plot);
        h.Append("<p>Each run's own curve (the first ").Append(LearningCurvePlotter.MaxRunsDrawn).Append(" at most): <code>plots/")
            .Append(LearningCurvePlotter.RunsFileStem).Append(".svg</code>.</p>\n");
        Html.Plot(h, "learning curves of each run", learning.Runs);
        h.Append("<table class=\"learning\">\n<tr>");
        if (learning.GroupBy is not null) h.Append("<th>").Append(Html.Text(learning.GroupBy)).Append("</th>");
        h.Append("<th>runs</th><th>loss at 25%</th><th>loss at 50%</th><th>loss at 100%</th></tr>\n");
        foreach (var line in learning.Lines)
        {
            h.Append("<tr>");
            if (learning.GroupBy is not null) h.Append("<td>").Append(Html.Text(line.Group)).Append("</td>");
            h.Append("<td class=\"num\">").Append(line.Points.Count == 0 ? 0 : line.Points.Max(p => p.N)).Append("</td>");
            foreach (var at in new[] { 0.25, 0.5, 1.0 })
            {
                var point = line.Points.Where(p => p.Fraction <= at + 1e-9).Select(p => (double?)p.Mean).LastOrDefault();
                h.Append("<td class=\"num\">").Append(point is { } v ? Number(v) : "").Append("</td>");
            }
            h.Append("</tr>\n");
        }
        h.Append("</table>\n</section>\n");
    }

    private static void Claims(StringBuilder h, IReadOnlyList<ClaimVerdict> verdicts, bool live)
    {
        h.Append("<h2>Claims</h2>\n<p>Each claim of the sweep file against the results: the mean (or the mean paired difference) with its 95% Student-t interval; <em>holds</em> when the interval lies on the claimed side of the bound, <em>fails</em> when it lies on the other, <em>inconclusive</em> when it straddles it. A coverage claim (<code>coverage: split-conformal</code>) shows the share of test anchors covered and the 95% band the exact split-conformal law (Beta over calibrations, binomial over test anchors) allows for it: it holds inside the band and fails outside. Also in <code>")
            .Append(ClaimsCsv.File).Append("</code>.")
            .Append(live ? " <strong>Forming while the sweep runs</strong>: over the points finished so far, and a difference compares its two sides unpaired (Welch) until the run ends, when it is paired by seed." : "")
            .Append("</p>\n<table class=\"claims\">\n<tr><th>claim</th><th>source</th><th>statement</th><th>n</th><th>mean</th><th>ci_low</th><th>ci_high</th><th>verdict</th><th>note</th></tr>\n");
        foreach (var v in verdicts)
        {
            h.Append("<tr class=\"").Append(v.Verdict).Append("\"><td>").Append(Html.Text(v.Claim.Name)).Append("</td><td>").Append(Html.Text(v.Claim.Source))
                .Append("</td><td>").Append(Html.Text(v.Claim.Statement)).Append("</td><td class=\"num\">").Append(v.N.ToString(CultureInfo.InvariantCulture)).Append("</td>");
            foreach (var x in new[] { v.Mean, v.Low, v.High }) h.Append("<td class=\"num\">").Append(double.IsNaN(x) ? "" : Number(x)).Append("</td>");
            h.Append("<td><strong>").Append(v.Verdict).Append("</strong></td><td>").Append(Html.Text(v.Note)).Append("</td></tr>\n");
        }
        h.Append("</table>\n");
    }

    private static void Row(StringBuilder h, string key, string encodedValue) =>
        h.Append("<tr><th>").Append(key).Append("</th><td>").Append(encodedValue).Append("</td></tr>\n");

    private static void Curve(StringBuilder h, ReportSnapshot report, CurveSpec curve, CurvePlot plot, string file)
    {
        h.Append("<section class=\"curve\">\n<h2>").Append(Html.Text(curve.Name)).Append("</h2>\n<p>")
            .Append(Html.Text(curve.Metric)).Append(" against ").Append(Html.Text(curve.X));
        if (curve.Series is not null) h.Append(", one line per ").Append(Html.Text(curve.Series));
        if (curve.GroupBy.Count > 0) h.Append(curve.Series is null ? ", one line per value of " : " and value of ").Append(Html.Text(string.Join(", ", curve.GroupBy)));
        h.Append("; mean over seeds");
        if (curve.Pool.Count > 0) h.Append(" and ").Append(Html.Text(string.Join(", ", curve.Pool))).Append(" (pooled, as the sweep file asks)");
        h.Append(" with its 95% Student-t interval. Files: <code>plots/").Append(Html.Text(file))
            .Append(".svg</code>, <code>.png</code>.</p>\n");
        Html.Plot(h, curve.Name, plot);
        h.Append("<table class=\"numbers\">\n<tr>");
        // A line per series value and per value of the grouped axes: the series column names both.
        var lines = curve.Series is not null || curve.GroupBy.Count > 0;
        if (lines) h.Append("<th>").Append(Html.Text(string.Join(" · ", new[] { curve.Series }.OfType<string>().Concat(curve.GroupBy)))).Append("</th>");
        h.Append("<th>").Append(Html.Text(curve.X)).Append("</th><th>mean</th><th>ci_low</th><th>ci_high</th><th>n</th></tr>\n");
        foreach (var row in report.RowsOf(curve))
        {
            h.Append("<tr>");
            if (lines) h.Append("<td>").Append(Html.Text(row.Series)).Append("</td>");
            h.Append("<td>").Append(Html.Text(row.X)).Append("</td>");
            foreach (var v in new[] { row.Mean, row.CiLow, row.CiHigh }) h.Append("<td class=\"num\">").Append(Number(v)).Append("</td>");
            h.Append("<td class=\"num\">").Append(row.N.ToString(CultureInfo.InvariantCulture)).Append("</td></tr>\n");
        }
        h.Append("</table>\n</section>\n");
    }

    private static void Failures(StringBuilder h, ReportSnapshot report)
    {
        var failed = report.Summary.Failures;
        h.Append("<h2>Failed points</h2>\n");
        if (report.Failed == 0)
        {
            h.Append("<p>None.</p>\n");
            return;
        }
        h.Append("<table class=\"failures\">\n<tr><th>id</th><th>seed</th><th>params</th><th>error</th></tr>\n");
        foreach (var f in failed.Take(MaxFailuresListed))
        {
            h.Append("<tr><td><code>").Append(Html.Text(f.Id[..Math.Min(12, f.Id.Length)])).Append("</code></td><td>")
                .Append(f.Seed.ToString(CultureInfo.InvariantCulture)).Append("</td><td><code>").Append(Html.Text(f.ParamsJson))
                .Append("</code></td><td>").Append(Html.Text(f.Error)).Append("</td></tr>\n");
        }
        h.Append("</table>\n");
        if (report.Failed > MaxFailuresListed)
        {
            h.Append(Invariant($"<p>… and {report.Failed - Math.Min(MaxFailuresListed, failed.Count)} more (see points.jsonl).</p>\n"));
        }
    }

    /// <summary>Six significant digits: the page is for reading; curves.csv keeps every digit.</summary>
    internal static string Number(double v) => v.ToString("G6", CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
