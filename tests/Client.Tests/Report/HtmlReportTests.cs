using System.Text;
using ContrastiveOrleans.Client.Report;

namespace ContrastiveOrleans.Client.Tests.Report;

public sealed class HtmlReportTests
{
    private static string Render(bool live = false)
    {
        var snapshot = ReportSamples.Snapshot(live: live);
        var plots = snapshot.Curves.Select(c => CurvePlotter.Render(c, snapshot.RowsOf(c))).ToList();
        return HtmlReport.Render(snapshot, plots, PlotFileNames.Assign(snapshot.Curves.Select(c => c.Name)));
    }

    [Fact]
    public void Strings_from_the_sweep_and_results_are_escaped_text_and_the_only_script_is_the_tables_own()
    {
        var html = Render();

        // One script (the points table's sort and filter), holding no data: every hostile string stays escaped text.
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(html, "<script", System.Text.RegularExpressions.RegexOptions.IgnoreCase));
        var script = html[html.IndexOf("<script>", StringComparison.Ordinal)..html.IndexOf("</script>", StringComparison.Ordinal)];
        Assert.DoesNotContain("alert", script, StringComparison.Ordinal);
        Assert.DoesNotContain("<img src=x", html, StringComparison.Ordinal);
        Assert.Contains("<h1>&lt;script&gt;alert(1)&lt;/script&gt;</h1>", html, StringComparison.Ordinal);
        Assert.Contains("boom &lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=alert(2)&gt;", html, StringComparison.Ordinal);
        var doc = ReportHtml.Parse(html);
        Assert.Equal(ReportSamples.Hostile, doc.Descendants("h1").Single().Value);
        // Escaped JSON keeps its quotes as &quot; and reads back as the original params.
        Assert.Contains(doc.Descendants("code"), c => c.Value == "{\"kind\":\"<script>alert(1)</script>\"}");
        Assert.Contains(doc.Descendants("h2"), h => h.Value == $"curve {ReportSamples.Hostile}");
    }

    [Fact]
    public void Every_curve_has_a_section_with_its_plot_as_an_svg_data_uri_and_its_numbers()
    {
        var doc = ReportHtml.Parse(Render());
        var snapshot = ReportSamples.Snapshot();

        var sections = doc.Descendants("section").Where(s => (string?)s.Attribute("class") == "curve").ToList();
        Assert.Equal(snapshot.Curves.Count, sections.Count);
        for (var i = 0; i < sections.Count; i++)
        {
            var img = sections[i].Descendants("img").Single();
            var src = img.Attribute("src")!.Value;
            const string prefix = "data:image/svg+xml;base64,";
            Assert.StartsWith(prefix, src, StringComparison.Ordinal);
            var svg = Encoding.UTF8.GetString(Convert.FromBase64String(src[prefix.Length..]));
            Assert.Contains(snapshot.Curves[i].Metric, PlotFiles.SvgTexts(svg));
            var rows = sections[i].Descendants("tr").Skip(1).ToList();
            Assert.Equal(snapshot.RowsOf(snapshot.Curves[i]).Count, rows.Count);
        }
        // Numeric curve, series column then x, mean, ci_low, ci_high, n (hand-made sample row: pca at 0.3).
        var pca = sections[0].Descendants("tr").Select(r => r.Elements("td").Select(td => td.Value).ToArray()).Last();
        Assert.Equal(["pca", "0.3", "0.95", "0.9", "1", "3"], pca);
        // The categorical curve has no series: no series column.
        Assert.Equal(["loss", "mean", "ci_low", "ci_high", "n"], sections[1].Descendants("th").Select(t => t.Value));
    }

    [Fact]
    public void Summary_counts_done_cached_failed_and_wall_time()
    {
        var doc = ReportHtml.Parse(Render());
        var summary = doc.Descendants("table").First().Elements("tr")
            .ToDictionary(r => r.Element("th")!.Value, r => r.Element("td")!.Value);
        Assert.Equal("3 of 4 finished", summary["points"]);
        Assert.Equal("2 (1 reused from the store)", summary["done"]);
        Assert.Equal("1", summary["failed"]);
        Assert.Equal("12.5 s", summary["wall time"]);
    }

    [Fact]
    public void Only_a_live_page_reloads_itself()
    {
        static bool Reloads(string html) => ReportHtml.Parse(html).Descendants("meta").Any(m => (string?)m.Attribute("http-equiv") == "refresh");
        Assert.True(Reloads(Render(live: true)));
        Assert.False(Reloads(Render(live: false)));
    }
}
