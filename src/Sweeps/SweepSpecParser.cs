using System.Text.RegularExpressions;
using ContrastiveOrleans.Experiments.Abstractions;
using ContrastiveOrleans.Sweeps.Search;
using static ContrastiveOrleans.Sweeps.SpecReading;

namespace ContrastiveOrleans.Sweeps;

/// <summary>
/// Turns sweep YAML into a <see cref="SweepSpec"/>, failing on the first problem with a <see cref="SweepSpecException"/>
/// whose one-line error names the field path (e.g. "grid.noise[2]: 1.5 is outside [0, 1]").
/// </summary>
public sealed partial class SweepSpecParser(ExperimentCatalog catalog)
{
    private static readonly string[] TopLevel =
        ["name", "description", "experiment", "seeds", "params", "grid", "random", "curves", "claims", "search", "resources", "max_points", "points"];

    /// <param name="overrides">Command-line overrides (PATH=VALUE, ~PATH) applied before anything is checked.</param>
    public SweepSpec Parse(string yaml, IReadOnlyList<string>? overrides = null)
    {
        var read = SpecYamlReader.Read(yaml);
        if (overrides is { Count: > 0 }) read = SpecOverrides.Apply(read, overrides);
        var root = read ?? throw new SweepSpecException(new SpecError("spec", "the file is empty; expected a mapping with name, experiment, ..."));
        var fields = Entries(Mapping(root, "spec"), "", TopLevel);
        var name = fields.TryGetValue("name", out var nameNode)
            ? Text(nameNode, "name")
            : throw SweepSpecException.At("name", root, "missing; give the sweep a name (letters, digits, '.', '_', '-')");
        if (!NamePattern().IsMatch(name))
        {
            throw SweepSpecException.At("name", nameNode,
                $"{Quote(name)} is not a valid name; use 1-{SpecLimits.MaxNameLength} letters, digits, '.', '_', '-', starting with a letter or digit (it names the output directory)");
        }
        var experiment = ParseExperiment(fields, root);
        var parameters = ParseParams(fields, experiment);
        var grid = ParseGrid(fields, experiment, parameters);
        var random = fields.TryGetValue("random", out var randomNode)
            ? RandomSpaceParser.Parse(randomNode, experiment, parameters, grid)
            : null;
        var search = fields.TryGetValue("search", out var searchNode)
            ? SearchParser.Parse(searchNode, experiment, parameters, grid, randomNode, random)
            : SearchSpec.Default;
        // search.trials is the number of random draws (per grid cell) for random and asha.
        if (random is not null && search.Trials is { } trials && search.Algorithm != SearchAlgorithm.Tpe) random = random with { Draws = trials };
        // tpe proposes its configurations itself: the plan holds one placeholder draw, the points come from the search.
        if (search.Algorithm == SearchAlgorithm.Tpe) random = random! with { Draws = 1 };
        var axes = parameters.Select(p => p.Key).Concat(grid.Select(a => a.Name))
            .Concat(random?.Space.Select(d => d.Name) ?? []).ToList();
        var spec = new SweepSpec(
            name,
            experiment,
            fields.TryGetValue("seeds", out var seedsNode) ? ParseSeeds(seedsNode) : [0],
            parameters,
            grid,
            random,
            fields.TryGetValue("curves", out var curvesNode) ? CurvesParser.Parse(curvesNode, experiment, axes,
                [.. grid.Where(a => a.Values.Count > 1).Select(a => a.Name)], [.. random?.Space.Select(d => d.Name) ?? []],
                grid.Where(a => a.Values.Count > 0).ToDictionary(a => a.Name, a => a.Values[0], StringComparer.Ordinal)) : [],
            fields.TryGetValue("resources", out var resourcesNode) ? ParseResources(resourcesNode) : new SweepResources(),
            fields.TryGetValue("max_points", out var maxNode) ? Integer(maxNode, "max_points", 1, SpecLimits.MaxPoints) : SweepSpec.DefaultMaxPoints,
            fields.TryGetValue("description", out var descriptionNode) ? Description(descriptionNode) : null);
        // "points" is informational (written into the resolved sweep.yaml), so that file can be run again as is.
        if (fields.TryGetValue("points", out var pointsNode)) Integer(pointsNode, "points", 0, long.MaxValue);
        if (spec.PointCount > spec.MaxPoints)
        {
            var count = spec.PointCount == long.MaxValue ? "too many" : spec.PointCount.ToString(System.Globalization.CultureInfo.InvariantCulture);
            throw SweepSpecException.At("max_points", maxNode ?? root,
                $"the sweep expands to {count} points, more than max_points = {spec.MaxPoints}; shrink grid/random/seeds or raise max_points");
        }
        IReadOnlyList<ClaimSpec> claims = [];
        if (fields.TryGetValue("claims", out var claimsNode))
        {
            var values = new Dictionary<string, IReadOnlyList<object>?>(StringComparer.Ordinal);
            foreach (var (key, value) in parameters) values[key] = [value];
            foreach (var axis in grid) values[axis.Name] = axis.Values;
            foreach (var dimension in random?.Space ?? []) values[dimension.Name] = dimension.Kind == DistributionKind.Choice ? dimension.Choices : null;
            claims = ClaimsParser.Parse(claimsNode, experiment, values);
        }
        if (search.IsAdaptive) CheckAdaptive(search, spec, fields, searchNode!, fields.ContainsKey("claims"));
        return spec with { LargestPoint = CombinationScan.Run(spec), Overrides = overrides ?? [], Claims = claims, Search = search };
    }

    /// <summary>What an adaptive search cannot do: it runs a subset of the points chosen as it goes, by one grain.</summary>
    private static void CheckAdaptive(SearchSpec search, SweepSpec spec, Dictionary<string, SpecNode> fields, SpecNode searchNode, bool hasClaims)
    {
        var name = SearchSpec.Name(search.Algorithm);
        if (spec.Curves.Count > 0) throw SweepSpecException.At("curves", fields["curves"], $"not drawn for search.algorithm {name}, which runs a subset of the points it chooses; use grid or random for curves");
        if (hasClaims) throw SweepSpecException.At("claims", fields["claims"], $"not checked for search.algorithm {name}, which runs a subset of the points it chooses; use grid or random for claims");
        if (spec.Resources.Pack > 0) throw SweepSpecException.At("resources.pack", fields["resources"], $"not used by search.algorithm {name}: it runs one point per worker slot at a time, so none queue up to pack");
        var configurations = search.Algorithm == SearchAlgorithm.Tpe ? search.Trials!.Value : spec.PointCount / spec.Seeds.Count;
        if (configurations > SearchSpec.MaxConfigurations)
        {
            throw SweepSpecException.At("search", searchNode, $"{name} over {configurations} configurations; at most {SearchSpec.MaxConfigurations} (shrink grid or random, or use grid/random)");
        }
    }

    private IExperiment ParseExperiment(Dictionary<string, SpecNode> fields, SpecNode root)
    {
        var valid = string.Join(", ", catalog.Names);
        if (!fields.TryGetValue("experiment", out var node)) throw SweepSpecException.At("experiment", root, $"missing; one of {valid}");
        var name = Text(node, "experiment");
        return catalog.TryGet(name, out var experiment)
            ? experiment
            : throw SweepSpecException.At("experiment", node, $"'{name}' is not one of {valid}");
    }

    private static List<KeyValuePair<string, object>> ParseParams(Dictionary<string, SpecNode> fields, IExperiment experiment)
    {
        if (!fields.TryGetValue("params", out var node) || node is SpecScalar { Value: null }) return [];
        return [.. Entries(Mapping(node, "params"), "params", null)
            .Select(e => new KeyValuePair<string, object>(e.Key, Parameter(experiment, e.Key, e.Value, $"params.{e.Key}")))];
    }

    private static List<GridAxis> ParseGrid(Dictionary<string, SpecNode> fields, IExperiment experiment, List<KeyValuePair<string, object>> parameters)
    {
        if (!fields.TryGetValue("grid", out var node) || node is SpecScalar { Value: null }) return [];
        var axes = new List<GridAxis>();
        foreach (var (name, axisNode) in Entries(Mapping(node, "grid"), "grid", null))
        {
            var path = $"grid.{name}";
            if (Find(experiment, name) is null) Parameter(experiment, name, axisNode, path);
            if (parameters.Any(p => p.Key == name)) throw SweepSpecException.At(path, axisNode, "also set in params; a parameter is either fixed or swept");
            var items = Sequence(axisNode, path).Items;
            if (items.Count == 0) throw SweepSpecException.At(path, axisNode, "empty axis; give at least one value");
            CheckListLength(items, path, axisNode);
            var values = new List<object>(items.Count);
            // Hashed: a 200,000-value axis is checked in milliseconds, not minutes.
            var seen = new HashSet<object>();
            for (var i = 0; i < items.Count; i++)
            {
                var value = Parameter(experiment, name, items[i], $"{path}[{i}]");
                if (!seen.Add(value)) throw SweepSpecException.At($"{path}[{i}]", items[i], $"duplicate value {FormatValue(value)}");
                values.Add(value);
            }
            axes.Add(new GridAxis(name, values));
        }
        return axes;
    }

    private static List<int> ParseSeeds(SpecNode node)
    {
        if (node is SpecScalar)
        {
            var count = Integer(node, "seeds", 1, SpecLimits.MaxListValues);
            return [.. Enumerable.Range(0, (int)count)];
        }
        var items = Sequence(node, "seeds").Items;
        if (items.Count == 0) throw SweepSpecException.At("seeds", node, "empty list; give a count (e.g. 5) or at least one seed");
        CheckListLength(items, "seeds", node);
        var seeds = new List<int>(items.Count);
        var seen = new HashSet<int>();
        for (var i = 0; i < items.Count; i++)
        {
            var seed = (int)Integer(items[i], $"seeds[{i}]", 0, int.MaxValue);
            if (!seen.Add(seed)) throw SweepSpecException.At($"seeds[{i}]", items[i], $"duplicate seed {seed}");
            seeds.Add(seed);
        }
        return seeds;
    }

    private static SweepResources ParseResources(SpecNode node)
    {
        var fields = Entries(Mapping(node, "resources"), "resources", ["threads", "device", "pack"]);
        var threads = fields.TryGetValue("threads", out var t) ? (int)Integer(t, "resources.threads", 1, 1024) : 1;
        var pack = fields.TryGetValue("pack", out var k) ? (int)Integer(k, "resources.pack", 0, SweepResources.MaxPack) : 0;
        var device = "cpu";
        if (fields.TryGetValue("device", out var d))
        {
            device = Text(d, "resources.device");
            if (!SweepResources.Devices.Contains(device, StringComparer.Ordinal))
            {
                throw SweepSpecException.At("resources.device", d, $"'{device}' is not one of {string.Join(", ", SweepResources.Devices)}");
            }
        }
        return new SweepResources(threads, device, pack);
    }

    private static string Description(SpecNode node)
    {
        var text = Text(node, "description");
        if (text.Length > SpecLimits.MaxDescriptionLength)
        {
            throw SweepSpecException.At("description", node, $"{text.Length} characters, more than the {SpecLimits.MaxDescriptionLength} allowed");
        }
        return text.Any(c => char.IsControl(c) && c is not ('\n' or '\t'))
            ? throw SweepSpecException.At("description", node, "holds a control character; use plain text")
            : text;
    }

    // \z, not $: "$" also matches before a final newline, which let "abc\n" through as a name.
    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}\z")]
    private static partial Regex NamePattern();
}
