using System.Globalization;

namespace ContrastiveOrleans.Experiments.Abstractions;

/// <summary>One parameter of an experiment's schema: its type, default and allowed range or values.</summary>
public sealed record ParameterSpec(
    string Name,
    ParameterKind Kind,
    object Default,
    string Description,
    double? Min = null,
    double? Max = null,
    IReadOnlyList<string>? Allowed = null,
    bool MinExclusive = false,
    bool MaxExclusive = false)
{
    /// <summary>Returns null when the value is acceptable, otherwise a message that names the allowed values.</summary>
    public string? Check(object value)
    {
        switch (Kind)
        {
            case ParameterKind.Integer when value is not long:
                // 5.0 (or !!float 5), not "5 is not an integer": a number must not read like the integer it is not.
                return $"{(value is double d ? ParameterSet.FormatDouble(d) : Format(value))} is not an integer";
            case ParameterKind.Number when value is not (double or long):
                return $"{Format(value)} is not a number";
            case ParameterKind.Text when value is not string:
                return $"{Format(value)} is not a string" + AllowedSuffix();
            case ParameterKind.Boolean when value is not bool:
                return $"{Format(value)} is not true or false";
        }
        if (Allowed is { Count: > 0 } && value is string s && !Allowed.Contains(s, StringComparer.Ordinal))
        {
            return $"'{s}' is not one of {string.Join(", ", Allowed)}";
        }
        if (value is double or long)
        {
            var x = Convert.ToDouble(value, CultureInfo.InvariantCulture);
            if (double.IsNaN(x) || double.IsInfinity(x)) return $"{Format(value)} is not a finite number";
            var belowMin = Min is { } lo && (MinExclusive ? x <= lo : x < lo);
            var aboveMax = Max is { } hi && (MaxExclusive ? x >= hi : x > hi);
            if (belowMin || aboveMax) return $"{Format(value)} is outside {RangeText()}";
        }
        return null;
    }

    public string RangeText()
    {
        var lo = Min is { } a ? a.ToString(CultureInfo.InvariantCulture) : "-inf";
        var hi = Max is { } b ? b.ToString(CultureInfo.InvariantCulture) : "inf";
        return $"{(MinExclusive ? "(" : "[")}{lo}, {hi}{(Max is null || MaxExclusive ? ")" : "]")}";
    }

    private string AllowedSuffix() => Allowed is { Count: > 0 } ? $"; allowed: {string.Join(", ", Allowed)}" : "";

    private static string Format(object value) => value switch
    {
        string s => $"'{s}'",
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "null",
    };
}
