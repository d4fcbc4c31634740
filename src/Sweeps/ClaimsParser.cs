using ContrastiveOrleans.Experiments.Abstractions;
using static ContrastiveOrleans.Sweeps.SpecReading;

namespace ContrastiveOrleans.Sweeps;

/// <summary>Parses `claims:`: each names a metric of the experiment, axes and values the sweep has, and one bound.</summary>
internal static class ClaimsParser
{
    private static readonly string[] Fields = ["name", "source", "metric", "where", "difference", "slope", "efficiency", "at_least", "at_most", "coverage"];

    /// <summary>The one law `coverage:` names.</summary>
    public const string SplitConformal = "split-conformal";
    private static readonly string[] DifferenceFields = ["a", "b", "at_least", "at_most"];
    private static readonly string[] SlopeFields = ["x", "at_least", "at_most"];
    private static readonly string[] EfficiencyFields = ["x", "a", "b", "at_least", "at_most"];

    /// <param name="values">Each key the sweep sets, with the values it takes (a grid axis's list, a fixed param's one
    /// value; null for a random dimension, whose values are drawn).</param>
    public static List<ClaimSpec> Parse(SpecNode node, IExperiment experiment, IReadOnlyDictionary<string, IReadOnlyList<object>?> values)
    {
        var claims = new List<ClaimSpec>();
        var items = Sequence(node, "claims").Items;
        CheckListLength(items, "claims", node);
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            var path = $"claims[{i}]";
            var fields = Entries(Mapping(items[i], path), path, Fields);
            var name = fields.TryGetValue("name", out var nameNode) ? Text(nameNode, $"{path}.name") : throw SweepSpecException.At($"{path}.name", items[i], "missing");
            if (name.Length is 0 or > SpecLimits.MaxNameLength || name.Any(char.IsControl))
            {
                throw SweepSpecException.At($"{path}.name", nameNode, $"{Quote(name)} is not a valid claim name; use 1-{SpecLimits.MaxNameLength} characters, no control characters");
            }
            if (!names.Add(name)) throw SweepSpecException.At($"{path}.name", nameNode, $"duplicate claim name '{name}'");
            var source = fields.TryGetValue("source", out var sourceNode) ? Text(sourceNode, $"{path}.source") : null;
            if (fields.TryGetValue("coverage", out var coverageNode))
            {
                claims.Add(CoverageLaw(fields, coverageNode, items[i], path, name, source, experiment, values));
                continue;
            }
            var metric = fields.TryGetValue("metric", out var metricNode) ? Text(metricNode, $"{path}.metric") : throw SweepSpecException.At($"{path}.metric", items[i], "missing");
            if (!experiment.Metrics.Contains(metric, StringComparer.Ordinal))
            {
                throw SweepSpecException.At($"{path}.metric", metricNode, $"'{metric}' is not a metric of {experiment.Name}; one of {string.Join(", ", experiment.Metrics)}");
            }
            var where = fields.TryGetValue("where", out var whereNode) ? Where(whereNode, $"{path}.where", experiment, values) : [];
            var kinds = ((string[])["difference", "slope", "efficiency"]).Where(fields.ContainsKey).ToList();
            if (kinds.Count > 1) throw SweepSpecException.At($"{path}.{kinds[1]}", fields[kinds[1]], $"a claim is one of difference, slope or efficiency, not {kinds[0]} and {kinds[1]}");
            if (kinds is ["slope" or "efficiency"])
            {
                claims.Add(Fit(fields, kinds[0], path, name, source, metric, where, experiment, values));
                continue;
            }
            if (fields.TryGetValue("difference", out var differenceNode))
            {
                if (fields.ContainsKey("at_least") || fields.ContainsKey("at_most"))
                {
                    throw SweepSpecException.At($"{path}.difference", differenceNode, "a difference claim gives its bound inside difference (at_least or at_most), not beside it");
                }
                var dpath = $"{path}.difference";
                var d = Entries(Mapping(differenceNode, dpath), dpath, DifferenceFields);
                var (a, b) = Sides(d, differenceNode, dpath, experiment, values);
                var (bound, atLeast) = Bound(d, differenceNode, dpath);
                claims.Add(new ClaimSpec(name, source, metric, where, a, b, bound, atLeast));
            }
            else
            {
                var (bound, atLeast) = Bound(fields, items[i], path);
                claims.Add(new ClaimSpec(name, source, metric, where, null, null, bound, atLeast));
            }
        }
        return claims;
    }

    /// <summary>
    /// `slope: {x: AXIS, at_most: b}` (the log-log slope of the metric against a numeric axis) or `efficiency: {x: AXIS,
    /// a: {...}, b: {...}, at_most: r}` (how many times more of the axis side a needs than side b for the same metric).
    /// </summary>
    private static ClaimSpec Fit(Dictionary<string, SpecNode> fields, string kind, string path, string name, string? source, string metric,
        List<KeyValuePair<string, IReadOnlyList<object>>> where, IExperiment experiment, IReadOnlyDictionary<string, IReadOnlyList<object>?> values)
    {
        foreach (var outside in (string[])["at_least", "at_most"])
        {
            if (fields.TryGetValue(outside, out var n)) throw SweepSpecException.At($"{path}.{outside}", n, $"a {kind} claim gives its bound inside {kind} (at_least or at_most), not beside it");
        }
        var node = fields[kind];
        var kpath = $"{path}.{kind}";
        var f = Entries(Mapping(node, kpath), kpath, kind == "slope" ? SlopeFields : EfficiencyFields);
        var axis = f.TryGetValue("x", out var xNode) ? Text(xNode, $"{kpath}.x") : throw SweepSpecException.At($"{kpath}.x", node, "missing; the numeric axis to fit against, e.g. x: n_train");
        if (!values.TryGetValue(axis, out var taken))
        {
            throw SweepSpecException.At($"{kpath}.x", xNode, NotAnAxis(axis, values));
        }
        var numeric = taken?.Select(v => v is double or long ? Convert.ToDouble(v, System.Globalization.CultureInfo.InvariantCulture) : double.NaN).ToList();
        if (numeric is not null && (numeric.Any(v => !(v > 0)) || numeric.Distinct().Count() < 2))
        {
            throw SweepSpecException.At($"{kpath}.x", xNode, $"'{axis}' must take two or more positive numbers to fit a log-log line; it takes {string.Join(", ", taken!.Select(FormatValue))}");
        }
        if (where.Any(w => w.Key == axis && w.Value.Count < 2)) throw SweepSpecException.At($"{path}.where.{axis}", fields["where"], $"fixes the fitted axis {axis} to one value; give two or more or leave it out");
        var (bound, atLeast) = Bound(f, node, kpath);
        if (kind == "slope") return new ClaimSpec(name, source, metric, where, null, null, bound, atLeast) { SlopeAxis = axis };
        var (a, b) = Sides(f, node, kpath, experiment, values);
        if (a.Any(kv => kv.Key == axis)) throw SweepSpecException.At($"{kpath}.a", f["a"], $"the sides cannot fix the fitted axis {axis}");
        if (!(bound > 0)) throw SweepSpecException.At($"{kpath}.{(atLeast ? "at_least" : "at_most")}", node, "an efficiency ratio is positive; give a bound above 0, e.g. at_most: 2");
        return new ClaimSpec(name, source, metric, where, a, b, bound, atLeast) { SlopeAxis = axis };
    }

    /// <summary>
    /// `coverage: split-conformal`: the experiment's per-anchor coverage against the exact law. The law needs
    /// exchangeable calibration scores, so every point the claim selects must have them (the sweep fixes the parameter
    /// to that value, or where does).
    /// </summary>
    private static ClaimSpec CoverageLaw(Dictionary<string, SpecNode> fields, SpecNode node, SpecNode owner, string path, string name, string? source,
        IExperiment experiment, IReadOnlyDictionary<string, IReadOnlyList<object>?> values)
    {
        var law = Text(node, $"{path}.coverage");
        if (law != SplitConformal) throw SweepSpecException.At($"{path}.coverage", node, $"{Quote(law)} is not a coverage law; one of {SplitConformal}");
        if (experiment is not IConformalCoverage conformal)
        {
            throw SweepSpecException.At($"{path}.coverage", node, $"{experiment.Name} does not report conformal coverage; coverage claims need conformal-sets");
        }
        foreach (var other in (string[])["difference", "slope", "efficiency", "at_least", "at_most"])
        {
            if (fields.TryGetValue(other, out var otherNode))
            {
                throw SweepSpecException.At($"{path}.{other}", otherNode, "a coverage claim states the law's band, not a bound: drop it, or make a separate claim");
            }
        }
        if (fields.TryGetValue("metric", out var metricNode) && Text(metricNode, $"{path}.metric") is var metric && metric != conformal.CoverageMetric)
        {
            throw SweepSpecException.At($"{path}.metric", metricNode, $"'{metric}' is not what the law describes; coverage: {SplitConformal} checks {conformal.CoverageMetric} (one score per test anchor), or leave metric out");
        }
        var where = fields.TryGetValue("where", out var whereNode) ? Where(whereNode, $"{path}.where", experiment, values) : [];
        var (key, exchangeable) = conformal.Exchangeable;
        var taken = where.FirstOrDefault(w => w.Key == key).Value
            ?? (values.TryGetValue(key, out var given) ? given : [experiment.Parameters.First(p => p.Name == key).Default]);
        if (taken is null || taken.Any(v => !Equals(v, exchangeable)))
        {
            throw SweepSpecException.At($"{path}.{(whereNode is null ? "coverage" : "where")}", whereNode ?? node,
                $"the split-conformal law needs exchangeable scores, {key}: {FormatValue(exchangeable)}; add where: {{{key}: {FormatValue(exchangeable)}}}");
        }
        return new ClaimSpec(name, source, conformal.CoverageMetric, where, null, null, double.NaN, AtLeast: true) { IsCoverageLaw = true };
    }

    private static (double Bound, bool AtLeast) Bound(Dictionary<string, SpecNode> fields, SpecNode owner, string path)
    {
        var least = fields.TryGetValue("at_least", out var leastNode);
        var most = fields.TryGetValue("at_most", out var mostNode);
        if (least == most) throw SweepSpecException.At($"{path}.at_least", owner, "give exactly one of at_least or at_most (a number)");
        var node = least ? leastNode! : mostNode!;
        var where = $"{path}.{(least ? "at_least" : "at_most")}";
        return Scalar(node, where).Value switch
        {
            double v when double.IsFinite(v) => (v, least),
            long l => (l, least),
            _ => throw SweepSpecException.At(where, node, $"{Show(Scalar(node, where))} is not a number"),
        };
    }

    private static List<KeyValuePair<string, IReadOnlyList<object>>> Where(SpecNode node, string path, IExperiment experiment, IReadOnlyDictionary<string, IReadOnlyList<object>?> values)
    {
        var result = new List<KeyValuePair<string, IReadOnlyList<object>>>();
        foreach (var (axis, valueNode) in Entries(Mapping(node, path), path, null))
        {
            var at = Join(path, axis);
            var list = valueNode is SpecSequence sequence ? sequence.Items : [valueNode];
            if (list.Count == 0) throw SweepSpecException.At(at, valueNode, "empty; give a value or a list of values");
            result.Add(new(axis, [.. list.Select((v, k) => Value(experiment, values, axis, v, list.Count == 1 ? at : $"{at}[{k}]"))]));
        }
        return result;
    }

    /// <summary>The a and b of a difference or efficiency claim, which set the same axes to different values.</summary>
    private static (List<KeyValuePair<string, object>> A, List<KeyValuePair<string, object>> B) Sides(Dictionary<string, SpecNode> fields, SpecNode owner, string path,
        IExperiment experiment, IReadOnlyDictionary<string, IReadOnlyList<object>?> values)
    {
        var a = Side(fields, "a", owner, path, experiment, values);
        var b = Side(fields, "b", owner, path, experiment, values);
        if (a.Select(kv => kv.Key).Order(StringComparer.Ordinal).SequenceEqual(b.Select(kv => kv.Key).Order(StringComparer.Ordinal)) is false)
        {
            throw SweepSpecException.At($"{path}.b", fields["b"], "a and b must set the same axes (they differ only in their values), e.g. a: {method: infonce}, b: {method: lda}");
        }
        return (a, b);
    }

    private static List<KeyValuePair<string, object>> Side(Dictionary<string, SpecNode> fields, string key, SpecNode owner, string path, IExperiment experiment,
        IReadOnlyDictionary<string, IReadOnlyList<object>?> values)
    {
        if (!fields.TryGetValue(key, out var node)) throw SweepSpecException.At($"{path}.{key}", owner, "missing; e.g. {method: infonce}");
        var side = Entries(Mapping(node, $"{path}.{key}"), $"{path}.{key}", null)
            .Select(kv => new KeyValuePair<string, object>(kv.Key, Value(experiment, values, kv.Key, kv.Value, $"{path}.{key}.{kv.Key}"))).ToList();
        return side.Count > 0 ? side : throw SweepSpecException.At($"{path}.{key}", node, "empty; name the axis values that pick this side, e.g. {method: infonce}");
    }

    private static string NotAnAxis(string axis, IReadOnlyDictionary<string, IReadOnlyList<object>?> values) =>
        $"'{axis}' is not a key of grid, random.space or params; one of {(values.Count == 0 ? "(none)" : string.Join(", ", values.Keys))}";

    /// <summary>A value of an axis the sweep sets, one it actually takes (a claim on a value never run would never hold).</summary>
    private static object Value(IExperiment experiment, IReadOnlyDictionary<string, IReadOnlyList<object>?> values, string axis, SpecNode node, string path)
    {
        if (!values.TryGetValue(axis, out var taken))
        {
            throw SweepSpecException.At(path, node, NotAnAxis(axis, values));
        }
        var value = Parameter(experiment, axis, node, path);
        if (taken is not null && !taken.Any(t => Equals(t, value)))
        {
            throw SweepSpecException.At(path, node, $"{FormatValue(value)} is not a value the sweep gives {axis}; one of {string.Join(", ", taken.Select(FormatValue))}");
        }
        return value;
    }
}
