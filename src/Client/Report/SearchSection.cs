using System.Globalization;
using System.Text;
using ContrastiveOrleans.Sweeps.Search;

namespace ContrastiveOrleans.Client.Report;

/// <summary>report.html's section for an adaptive search: the best configuration, the plot, and each decision with its reason.</summary>
internal static class SearchSection
{
    /// <summary>Decisions listed at most (the rest are in points.jsonl, field search).</summary>
    public const int MaxUnitsListed = 1000;

    public static void Append(StringBuilder h, SearchReport s)
    {
        var search = s.Search;
        var name = SearchSpec.Name(search.Algorithm);
        h.Append("<section class=\"search\">\n<h2>Search</h2>\n<p>").Append(Html.Text(name)).Append(" on <code>").Append(Html.Text(search.Metric))
            .Append("</code> (").Append(search.Maximize ? "max" : "min").Append("): ");
        h.Append(Invariant($"{s.Units.Count} decisions, {s.Units.Count(u => u.Mark.Rung > 0)} promotions, {s.Units.Count(u => u.Status == "stopped")} stopped early, {s.Units.Count(u => u.Status == "failed")} failed"));
        if (search.Resource is { } resource) h.Append(Invariant($"; {s.Units.Sum(u => u.Spent):0.##} {resource} spent")).Append(" (").Append(Html.Text(resource)).Append(" summed over points)");
        h.Append(".</p>\n");
        if (s.Best is { } best)
        {
            h.Append("<p>Best configuration").Append(search.Algorithm == SearchAlgorithm.Asha ? " at the last rung" : "").Append(": <strong>")
                .Append(Html.Text(HtmlReport.Number(best.Score!.Value))).Append("</strong> (unit ").Append(best.Mark.Unit).Append(") with <code>")
                .Append(Html.Text(best.ParamsJson)).Append("</code></p>\n");
        }
        if (s.Plot is { } plot)
        {
            h.Append("<p>Files: <code>plots/").Append(SearchReport.FileStem).Append(".svg</code>, <code>.png</code>.</p>\n");
            Html.Plot(h, "best metric against compute spent", plot);
        }
        h.Append("<table class=\"search\">\n<tr><th>unit</th><th>trial</th><th>rung</th><th>resource</th><th>status</th><th>")
            .Append(Html.Text(search.Metric)).Append("</th><th>why</th></tr>\n");
        foreach (var u in s.Units.Take(MaxUnitsListed))
        {
            h.Append("<tr class=\"").Append(u.Status).Append("\"><td class=\"num\">").Append(u.Mark.Unit).Append("</td><td class=\"num\">").Append(u.Mark.Trial)
                .Append("</td><td class=\"num\">").Append(u.Mark.Rung).Append("</td><td class=\"num\">")
                .Append(u.Mark.Resource is { } r ? r.ToString(CultureInfo.InvariantCulture) : "").Append("</td><td>").Append(u.Status)
                .Append("</td><td class=\"num\">").Append(u.Score is { } v ? HtmlReport.Number(v) : "").Append("</td><td>").Append(Html.Text(u.Note)).Append("</td></tr>\n");
        }
        h.Append("</table>\n");
        if (s.Units.Count > MaxUnitsListed) h.Append(Invariant($"<p>… and {s.Units.Count - MaxUnitsListed} more decisions in <code>points.jsonl</code> (field <code>search</code>).</p>\n"));
        h.Append("</section>\n");
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
