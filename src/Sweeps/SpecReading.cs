using System.Globalization;
using ContrastiveOrleans.Experiments.Abstractions;

namespace ContrastiveOrleans.Sweeps;

/// <summary>Shared checks for walking spec nodes: shapes, duplicate keys, integers and parameter values.</summary>
internal static class SpecReading
{
    public static SpecMapping Mapping(SpecNode node, string path) => node as SpecMapping
        ?? throw SweepSpecException.At(path, node, $"expected a mapping (key: value), got {Describe(node)}");

    public static SpecSequence Sequence(SpecNode node, string path) => node as SpecSequence
        ?? throw SweepSpecException.At(path, node, $"expected a list [a, b, ...], got {Describe(node)}");

    public static SpecScalar Scalar(SpecNode node, string path) => node as SpecScalar
        ?? throw SweepSpecException.At(path, node, $"expected a single value, got {Describe(node)}");

    /// <summary>Entries by key, rejecting duplicates and (when <paramref name="allowed"/> is given) unknown keys.</summary>
    public static Dictionary<string, SpecNode> Entries(SpecMapping mapping, string prefix, IReadOnlyList<string>? allowed)
    {
        var result = new Dictionary<string, SpecNode>(StringComparer.Ordinal);
        foreach (var (key, value) in mapping.Entries)
        {
            var path = Join(prefix, key.Text);
            if (key.Value is null || key.Text.Length == 0) throw SweepSpecException.At(prefix.Length == 0 ? "spec" : prefix, key, "empty key");
            if (allowed is not null && !allowed.Contains(key.Text, StringComparer.Ordinal))
            {
                throw SweepSpecException.At(path, key, $"unknown field; allowed: {string.Join(", ", allowed)}");
            }
            if (!result.TryAdd(key.Text, value)) throw SweepSpecException.At(path, key, "duplicate key");
        }
        return result;
    }

    /// <summary>A name as it can be shown on one line: control characters escaped, long names cut.</summary>
    public static string Quote(string text)
    {
        var shown = text.Length > 40 ? text[..40] + $"... ({text.Length} characters)" : text;
        return "'" + string.Concat(shown.Select(c => char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString())) + "'";
    }

    /// <summary>Lists are bounded (<see cref="SpecLimits.MaxListValues"/>) before their values are checked one by one.</summary>
    public static void CheckListLength(IReadOnlyList<SpecNode> items, string path, SpecNode node)
    {
        if (items.Count > SpecLimits.MaxListValues)
        {
            throw SweepSpecException.At(path, node, $"{items.Count} values, more than the {SpecLimits.MaxListValues} a list may hold");
        }
    }

    public static string Join(string prefix, string key) => prefix.Length == 0 ? key : $"{prefix}.{key}";

    public static string Text(SpecNode node, string path)
    {
        var scalar = Scalar(node, path);
        return scalar.Value is string s && s.Length > 0
            ? s
            : throw SweepSpecException.At(path, node, $"expected a non-empty string, got {Describe(node)}");
    }

    public static long Integer(SpecNode node, string path, long min, long max)
    {
        var scalar = Scalar(node, path);
        if (scalar.Value is not long value) throw SweepSpecException.At(path, node, $"{Show(scalar)} is not an integer");
        if (value < min || value > max)
        {
            throw SweepSpecException.At(path, node, value < min && min == 1
                ? $"{value} must be at least 1"
                : $"{value} is outside [{min}, {max}]");
        }
        return value;
    }

    /// <summary>Checks one parameter value against the experiment's schema and returns it normalised to the kind.</summary>
    public static object Parameter(IExperiment experiment, string name, SpecNode node, string path)
    {
        var spec = experiment.Parameters.FirstOrDefault(p => p.Name == name);
        if (spec is null)
        {
            var known = string.Join(", ", experiment.Parameters.Select(p => p.Name).Order(StringComparer.Ordinal));
            throw SweepSpecException.At(path, node, $"unknown parameter of {experiment.Name}; known: {known}");
        }
        var scalar = Scalar(node, path);
        if (scalar.Value is null) throw SweepSpecException.At(path, node, $"missing value; expected {Expected(spec)}");
        if (spec.Check(scalar.Value) is { } problem) throw SweepSpecException.At(path, node, problem);
        return spec.Kind == ParameterKind.Number && scalar.Value is long l ? (double)l : scalar.Value;
    }

    public static ParameterSpec? Find(IExperiment experiment, string name) =>
        experiment.Parameters.FirstOrDefault(p => p.Name == name);

    public static string Expected(ParameterSpec spec) => spec.Kind switch
    {
        ParameterKind.Integer => $"an integer in {spec.RangeText()}",
        ParameterKind.Number => $"a number in {spec.RangeText()}",
        ParameterKind.Boolean => "true or false",
        _ => spec.Allowed is { Count: > 0 } ? $"one of {string.Join(", ", spec.Allowed)}" : "a string",
    };

    public static string Show(SpecScalar scalar) => scalar.Value switch
    {
        null => "an empty value",
        string s => $"'{s}'",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        _ => scalar.Text,
    };

    public static string FormatValue(object value) => value switch
    {
        double d => ParameterSet.FormatDouble(d),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static string Describe(SpecNode node) => node switch
    {
        SpecMapping => "a mapping",
        SpecSequence => "a list",
        SpecScalar s => Show(s),
        _ => "something else",
    };
}
