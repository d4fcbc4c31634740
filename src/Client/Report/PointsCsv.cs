using System.Globalization;
using System.Text;

namespace ContrastiveOrleans.Client.Report;

/// <summary>points.csv: the <see cref="PointsTable"/> as RFC 4180 CSV; an absent value (a failed point's metrics, a
/// null error) is an empty field; numbers round-trip.</summary>
public static class PointsCsv
{
    public static string Format(PointsTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var text = new StringBuilder(string.Join(',', table.Columns.Select(Field))).Append('\n');
        for (var i = 0; i < table.Results.Count; i++)
        {
            var r = table.Results[i];
            var fields = new List<string>
            {
                r.Id, r.Seed.ToString(CultureInfo.InvariantCulture), PointsTable.Status(r), r.Error ?? "",
                r.DurationMs.ToString(CultureInfo.InvariantCulture), r.Cached ? "true" : "false",
            };
            fields.AddRange(table.ParamNames.Select(p => table.Parameters[i].TryGetValue(p, out var v) ? Value(v) : ""));
            fields.AddRange(table.MetricNames.Select(m => r.Metrics.TryGetValue(m, out var v) ? Value(v) : ""));
            fields.AddRange(PointsTable.Provenance(r).Select(v => v ?? ""));
            text.AppendJoin(',', fields.Select(Field)).Append('\n');
        }
        return text.ToString();
    }

    /// <summary>A parameter or metric value as invariant text (also the Parquet writer's fallback for mixed columns).</summary>
    internal static string Value(object value) => value switch
    {
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>One RFC 4180 field: quoted when it holds a comma, a quote or a line break.</summary>
    internal static string Field(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
}
