using ContrastiveOrleans.Experiments.Abstractions;
using static ContrastiveOrleans.Sweeps.SpecReading;

namespace ContrastiveOrleans.Sweeps;

/// <summary>Parses `curves:`: each names a metric of the experiment and axes that the sweep sets.</summary>
internal static class CurvesParser
{
    private static readonly string[] Fields = ["name", "x", "series", "metric", "pool"];

    /// <param name="axes">Every key the sweep sets (params, grid, random.space).</param>
    /// <param name="grid">Grid axes with more than one value, in file order.</param>
    /// <param name="random">random.space's dimensions, in file order.</param>
    /// <param name="firstValues">Each grid axis's first value (a pooled axis's canonical value, see <see cref="CurveSpec.PoolCanonical"/>).</param>
    public static List<CurveSpec> Parse(SpecNode node, IExperiment experiment, IReadOnlyList<string> axes, IReadOnlyList<string> grid, IReadOnlyList<string> random,
        IReadOnlyDictionary<string, object> firstValues)
    {
        var curves = new List<CurveSpec>();
        var items = Sequence(node, "curves").Items;
        CheckListLength(items, "curves", node);
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            var path = $"curves[{i}]";
            var fields = Entries(Mapping(items[i], path), path, Fields);
            var name = Required(fields, "name", items[i], path);
            if (name.Length > SpecLimits.MaxNameLength || name.Any(char.IsControl))
            {
                throw SweepSpecException.At($"{path}.name", fields["name"], $"{Quote(name)} is not a valid curve name; use 1-{SpecLimits.MaxNameLength} characters, no control characters");
            }
            if (!names.Add(name)) throw SweepSpecException.At($"{path}.name", fields["name"], $"duplicate curve name '{name}'");
            var x = Axis(fields, "x", items[i], path, axes, required: true)!;
            var series = Axis(fields, "series", items[i], path, axes, required: false);
            var metric = Required(fields, "metric", items[i], path);
            if (!experiment.Metrics.Contains(metric, StringComparer.Ordinal))
            {
                throw SweepSpecException.At($"{path}.metric", fields["metric"],
                    $"'{metric}' is not a metric of {experiment.Name}; one of {string.Join(", ", experiment.Metrics)}");
            }
            var pool = Pool(fields, path, grid.Concat(random).Where(a => a != x && a != series).ToList());
            // A random x (or series) names the draw, and so the values of the other random dimensions with it.
            var drawNamed = random.Contains(x, StringComparer.Ordinal) || (series is not null && random.Contains(series, StringComparer.Ordinal));
            List<string> groupBy = [.. grid.Concat(drawNamed ? [] : random).Where(a => a != x && a != series && !pool.Contains(a, StringComparer.Ordinal))];
            curves.Add(new CurveSpec(name, x, series, metric)
            {
                Pool = pool,
                GroupBy = groupBy,
                PoolCanonical = pool.Where(firstValues.ContainsKey).ToDictionary(a => a, a => firstValues[a], StringComparer.Ordinal),
                Ignored = experiment.IgnoredParameters,
            });
        }
        return curves;
    }

    private static List<string> Pool(Dictionary<string, SpecNode> fields, string path, List<string> poolable)
    {
        if (!fields.TryGetValue("pool", out var node)) return [];
        var items = Sequence(node, $"{path}.pool").Items;
        var pool = new List<string>();
        for (var i = 0; i < items.Count; i++)
        {
            var axis = Text(items[i], $"{path}.pool[{i}]");
            if (!poolable.Contains(axis, StringComparer.Ordinal))
            {
                throw SweepSpecException.At($"{path}.pool[{i}]", items[i],
                    $"'{axis}' is not an axis the sweep varies besides x and series; one of {(poolable.Count == 0 ? "(none)" : string.Join(", ", poolable))}");
            }
            if (!pool.Contains(axis, StringComparer.Ordinal)) pool.Add(axis);
        }
        return pool;
    }

    private static string Required(Dictionary<string, SpecNode> fields, string key, SpecNode owner, string path) =>
        fields.TryGetValue(key, out var node) ? Text(node, $"{path}.{key}") : throw SweepSpecException.At($"{path}.{key}", owner, "missing");

    private static string? Axis(Dictionary<string, SpecNode> fields, string key, SpecNode owner, string path, IReadOnlyList<string> axes, bool required)
    {
        if (!fields.ContainsKey(key) && !required) return null;
        var axis = Required(fields, key, owner, path);
        return axes.Contains(axis, StringComparer.Ordinal)
            ? axis
            : throw SweepSpecException.At($"{path}.{key}", fields[key],
                $"'{axis}' is not a key of grid, random.space or params; one of {(axes.Count == 0 ? "(none)" : string.Join(", ", axes))}");
    }
}
