using System.Globalization;
using System.Text;
using ContrastiveOrleans.Grains.Contracts;

namespace ContrastiveOrleans.Client;

/// <summary>curves.csv: header `curve,series,x,metric,mean,ci_low,ci_high,n`, invariant round-trip numbers.</summary>
public static class CurvesCsv
{
    public const string Header = "curve,series,x,metric,mean,ci_low,ci_high,n";

    public static string Format(IEnumerable<CurveRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var text = new StringBuilder(Header).Append('\n');
        foreach (var r in rows)
        {
            text.Append(Field(r.Curve)).Append(',').Append(Field(r.Series)).Append(',').Append(Field(r.X)).Append(',')
                .Append(Field(r.Metric)).Append(',').Append(Number(r.Mean)).Append(',').Append(Number(r.CiLow)).Append(',')
                .Append(Number(r.CiHigh)).Append(',').Append(r.N.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }
        return text.ToString();
    }

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>RFC 4180 quoting, only where needed.</summary>
    private static string Field(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
}
