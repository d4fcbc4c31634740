using System.Globalization;
using System.Text;
using ContrastiveOrleans.Experiments.Abstractions;
using ContrastiveOrleans.Grains.Contracts;

namespace ContrastiveOrleans.Client.Report;

/// <summary>
/// report.html's table of every point (up to <see cref="ResultSummary.MaxPointsKept"/>): id, seed, status, duration, the
/// parameters that vary across the sweep, every metric, and — for training runs — how much the loss still moved over
/// the last quarter of training. A small inline script sorts by any column and filters rows; the rows themselves are
/// plain escaped HTML, so the page reads the same without it.
/// </summary>
public static class PointsSection
{
    public const string LossChangeColumn = "loss Δ last 25%";

    // Inside CDATA so the page still parses as XML (the tests read it that way); no data is ever put in the script.
    private const string Script = """
        <script>//<![CDATA[
        (function () {
          var table = document.getElementById('points-table');
          if (!table) return;
          var body = table.tBodies[0], input = document.getElementById('points-filter'), shown = document.getElementById('points-shown');
          var heads = Array.prototype.slice.call(table.tHead.rows[0].cells);
          var names = heads.map(function (h) { return h.getAttribute('data-name').toLowerCase(); });
          var rows = Array.prototype.slice.call(body.rows);
          var texts = rows.map(function (r) { return Array.prototype.map.call(r.cells, function (c) { return c.textContent; }).join(' ').toLowerCase(); });
          rows.forEach(function (r, i) { r.setAttribute('data-row', i); });
          function key(row, i, num) {
            var cell = row.cells[i], v = cell.getAttribute('data-v');
            if (!num) return cell.textContent;
            var x = parseFloat(v === null ? cell.textContent : v);
            return isNaN(x) ? null : x;
          }
          heads.forEach(function (th, i) {
            th.setAttribute('role', 'button');
            th.setAttribute('tabindex', '0');
            th.title = 'sort by ' + th.textContent;
            function sort() {
              var asc = th.getAttribute('aria-sort') !== 'ascending', num = th.getAttribute('data-type') === 'num';
              heads.forEach(function (h) { h.removeAttribute('aria-sort'); });
              th.setAttribute('aria-sort', asc ? 'ascending' : 'descending');
              rows.sort(function (a, b) {
                var x = key(a, i, num), y = key(b, i, num);
                if (x === y) return a.getAttribute('data-row') - b.getAttribute('data-row');
                if (x === null) return 1;
                if (y === null) return -1;
                var r = num ? x - y : (x > y ? 1 : -1);
                return asc ? r : -r;
              });
              rows.forEach(function (r) { body.appendChild(r); });
            }
            th.addEventListener('click', sort);
            th.addEventListener('keydown', function (e) { if (e.key === 'Enter') sort(); });
          });
          // Words must all appear in a row; NAME=VALUE matches a column exactly (status=failed, loss=infonce).
          function filter() {
            var words = input.value.toLowerCase().split(/\s+/).filter(function (w) { return w.length > 0; });
            var count = 0;
            rows.forEach(function (row) {
              var text = texts[row.getAttribute('data-row')];
              var ok = words.every(function (w) {
                var eq = w.indexOf('=');
                var column = eq > 0 ? names.indexOf(w.slice(0, eq)) : -1;
                if (column >= 0) return row.cells[column].textContent.toLowerCase() === w.slice(eq + 1);
                return text.indexOf(w) >= 0;
              });
              row.style.display = ok ? '' : 'none';
              if (ok) count++;
            });
            shown.textContent = count + ' of ' + rows.length + ' shown';
          }
          input.addEventListener('input', filter);
          filter();
        })();
        //]]></script>

        """;

    public static void Append(StringBuilder h, ReportSnapshot report)
    {
        ArgumentNullException.ThrowIfNull(h);
        ArgumentNullException.ThrowIfNull(report);
        var points = report.Summary.Points;
        h.Append("<section id=\"points\">\n<h2>Points</h2>\n");
        if (points.Count == 0)
        {
            h.Append("<p>None yet.</p>\n</section>\n");
            return;
        }
        var parameters = points.Select(p => ParameterSet.FromJson(p.ParamsJson)).ToList();
        var varying = Varying(parameters);
        var metrics = points.SelectMany(p => p.Metrics.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var trained = points.Any(p => p.Curve is not null);
        var hosts = points.Select(p => p.Provenance?.Host).OfType<string>().Distinct(StringComparer.Ordinal).Count() > 1;
        var failed = points.Any(p => p.Status != PointStatus.Done);

        h.Append("<p>").Append(points.Count.ToString(CultureInfo.InvariantCulture));
        if (report.Summary.Finished > points.Count)
        {
            h.Append(" of ").Append(report.Summary.Finished.ToString(CultureInfo.InvariantCulture))
                .Append(" points (the first, in sweep order; every point is in <code>points.jsonl</code>, and <code>contrastive report DIR --format csv</code> flattens them)");
        }
        else
        {
            h.Append(" points");
        }
        h.Append(". Parameters that do not vary are in the sweep file below. Click a column to sort; type to filter (words match anywhere, <code>NAME=VALUE</code> matches a column).");
        if (trained) h.Append(" <em>").Append(Html.Text(LossChangeColumn)).Append("</em> is the loss's relative change over the last quarter of training: far from 0, training had not converged.");
        h.Append("</p>\n<p><input id=\"points-filter\" type=\"search\" placeholder=\"filter rows\" aria-label=\"filter points\" /> <span id=\"points-shown\"></span></p>\n");
        h.Append("<table class=\"points\" id=\"points-table\">\n<thead><tr>");
        Head(h, "id", num: false);
        Head(h, "seed", num: true);
        Head(h, "status", num: false);
        Head(h, "duration_ms", num: true);
        foreach (var name in varying) Head(h, name, parameters.All(p => !p.TryGetValue(name, out var v) || v is double or long));
        foreach (var name in metrics) Head(h, name, num: true);
        if (trained) Head(h, LossChangeColumn, num: true);
        if (hosts) Head(h, "host", num: false);
        if (failed) Head(h, "error", num: false);
        h.Append("</tr></thead>\n<tbody>\n");
        for (var i = 0; i < points.Count; i++)
        {
            var p = points[i];
            h.Append("<tr><td><code>").Append(Html.Text(p.Id)).Append("</code></td>");
            Number(h, p.Seed);
            h.Append("<td>").Append(Html.Text(PointsTable.Status(p))).Append(p.Cached ? " (reused)" : "").Append("</td>");
            Number(h, p.DurationMs);
            foreach (var name in varying)
            {
                if (!parameters[i].TryGetValue(name, out var value)) h.Append("<td></td>");
                else if (value is double d) Number(h, d);
                else if (value is long l) Number(h, l);
                else h.Append("<td>").Append(Html.Text(PointsCsv.Value(value))).Append("</td>");
            }
            foreach (var name in metrics)
            {
                if (p.Metrics.TryGetValue(name, out var value)) Number(h, value);
                else h.Append("<td></td>");
            }
            if (trained)
            {
                if (p.Curve?.LastQuarterChange() is { } change) Number(h, change);
                else h.Append("<td></td>");
            }
            if (hosts) h.Append("<td>").Append(Html.Text(p.Provenance?.Host)).Append("</td>");
            if (failed) h.Append("<td>").Append(Html.Text(p.Error)).Append("</td>");
            h.Append("</tr>\n");
        }
        h.Append("</tbody>\n</table>\n").Append(Script).Append("</section>\n");
    }

    /// <summary>Parameters whose value is not the same in every point, in name order.</summary>
    public static IReadOnlyList<string> Varying(IReadOnlyList<ParameterSet> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return [.. parameters.SelectMany(p => p.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Where(name => parameters.Select(p => p.TryGetValue(name, out var v) ? PointsCsv.Value(v) : "\0").Distinct(StringComparer.Ordinal).Skip(1).Any())];
    }

    private static void Head(StringBuilder h, string name, bool num) =>
        h.Append("<th data-type=\"").Append(num ? "num" : "text").Append("\" data-name=\"").Append(Html.Text(name)).Append("\">")
            .Append(Html.Text(name)).Append("</th>");

    private static void Number(StringBuilder h, double value) =>
        h.Append("<td class=\"num\" data-v=\"").Append(value.ToString("R", CultureInfo.InvariantCulture)).Append("\">")
            .Append(value.ToString("G6", CultureInfo.InvariantCulture)).Append("</td>");
}
