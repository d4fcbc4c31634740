using System.Text;

namespace ContrastiveOrleans.Client.Report;

/// <summary>
/// Escaping for report.html. Every string that came from a sweep file or a result goes through <see cref="Text"/>;
/// characters XML forbids are dropped so the page also parses as XML (the tests read it that way).
/// </summary>
public static class Html
{
    /// <summary>A plot as an &lt;img&gt; with its SVG as a data: URI (an image, so ScottPlot's element ids never clash
    /// between plots of one page); <paramref name="alt"/> is escaped here.</summary>
    public static StringBuilder Plot(StringBuilder h, string alt, CurvePlot plot)
    {
        ArgumentNullException.ThrowIfNull(h);
        ArgumentNullException.ThrowIfNull(plot);
        return h.Append("<img class=\"plot\" alt=\"").Append(Text(alt)).Append("\" width=\"").Append(CurvePlotter.Width)
            .Append("\" height=\"").Append(CurvePlotter.Height).Append("\" src=\"data:image/svg+xml;base64,")
            .Append(Convert.ToBase64String(Encoding.UTF8.GetBytes(plot.Svg))).Append("\" />\n");
    }

    public static string Text(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "";
        var clean = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (c is '\t' or '\n' or '\r' || (c >= ' ' && c != '\uFFFE' && c != '\uFFFF')) clean.Append(c);
        }
        // Encodes < > & " ' (and non-ASCII as numeric references), so the result is safe in text and attributes.
        return System.Net.WebUtility.HtmlEncode(clean.ToString());
    }
}
