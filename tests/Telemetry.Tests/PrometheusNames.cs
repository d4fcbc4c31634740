using System.Diagnostics.Metrics;
using System.Text.RegularExpressions;

namespace ContrastiveOrleans.Telemetry.Tests;

/// <summary>
/// The OpenTelemetry → Prometheus naming rules, written out from the specification (not taken from the exporter):
/// invalid characters become '_', the unit (annotations in braces dropped; s → seconds, ms → milliseconds,
/// By → bytes, x/y → x_per_y) is appended unless already there, and monotonic counters get "_total".
/// </summary>
internal static partial class PrometheusNames
{
    public static string Family(Instrument instrument)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        var name = Invalid().Replace(instrument.Name, "_");
        var unit = Unit(instrument.Unit);
        if (unit.Length > 0 && !name.EndsWith("_" + unit, StringComparison.Ordinal)) name += "_" + unit;
        var monotonic = instrument.GetType().Name.StartsWith("Counter", StringComparison.Ordinal)
            || instrument.GetType().Name.StartsWith("ObservableCounter", StringComparison.Ordinal);
        return monotonic ? name + "_total" : name;
    }

    /// <summary>The series names a family shows in the text format.</summary>
    public static IEnumerable<string> Series(Instrument instrument)
    {
        var family = Family(instrument);
        var histogram = instrument.GetType().Name.StartsWith("Histogram", StringComparison.Ordinal);
        return histogram ? [family + "_bucket", family + "_sum", family + "_count"] : [family];
    }

    private static string Unit(string? unit)
    {
        if (string.IsNullOrEmpty(unit)) return "";
        var stripped = Braces().Replace(unit, "");
        var parts = stripped.Split('/');
        var main = Word(parts[0]);
        if (parts.Length == 1) return main;
        var per = parts[1] switch { "s" => "second", "ms" => "millisecond", "min" => "minute", "h" => "hour", var other => Word(other) };
        return main.Length == 0 ? $"per_{per}" : $"{main}_per_{per}";
    }

    private static string Word(string unit) => unit switch
    {
        "s" => "seconds",
        "ms" => "milliseconds",
        "By" => "bytes",
        "" or "1" => "",
        var other => Invalid().Replace(other, "_"),
    };

    [GeneratedRegex("[^a-zA-Z0-9_:]")]
    private static partial Regex Invalid();

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex Braces();
}
