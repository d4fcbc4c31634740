using ContrastiveOrleans.Experiments.Abstractions;
using static ContrastiveOrleans.Sweeps.SpecReading;

namespace ContrastiveOrleans.Sweeps;

/// <summary>Parses the `random:` section: draws per grid cell and a distribution per parameter.</summary>
internal static class RandomSpaceParser
{
    private static readonly string[] Kinds = ["uniform", "log_uniform", "int_uniform", "choice"];

    public static RandomSearch Parse(SpecNode node, IExperiment experiment, List<KeyValuePair<string, object>> parameters, List<GridAxis> grid)
    {
        var fields = Entries(Mapping(node, "random"), "random", ["draws", "space"]);
        var draws = fields.TryGetValue("draws", out var drawsNode) ? (int)Integer(drawsNode, "random.draws", 1, 1_000_000) : 1;
        if (!fields.TryGetValue("space", out var spaceNode)) throw SweepSpecException.At("random.space", node, "missing; give at least one parameter distribution");
        var space = new List<RandomDimension>();
        foreach (var (name, distNode) in Entries(Mapping(spaceNode, "random.space"), "random.space", null))
        {
            var path = $"random.space.{name}";
            var spec = Find(experiment, name);
            if (spec is null) Parameter(experiment, name, distNode, path);
            if (parameters.Any(p => p.Key == name)) throw SweepSpecException.At(path, distNode, "also set in params; a parameter is either fixed or swept");
            if (grid.Any(a => a.Name == name)) throw SweepSpecException.At(path, distNode, "also a grid axis; a parameter is either in grid or in random");
            space.Add(ParseDimension(experiment, spec!, distNode, path));
        }
        if (space.Count == 0) throw SweepSpecException.At("random.space", spaceNode, "empty; give at least one parameter distribution");
        return new RandomSearch(draws, space);
    }

    private static RandomDimension ParseDimension(IExperiment experiment, ParameterSpec spec, SpecNode node, string path)
    {
        var entries = Entries(Mapping(node, path), path, Kinds);
        if (entries.Count != 1) throw SweepSpecException.At(path, node, $"give exactly one distribution: {string.Join(", ", Kinds)}");
        var (kind, argsNode) = entries.First();
        var kindPath = $"{path}.{kind}";
        var items = Sequence(argsNode, kindPath).Items;
        if (kind == "choice")
        {
            if (items.Count == 0) throw SweepSpecException.At(kindPath, argsNode, "empty list; give at least one value");
            CheckListLength(items, kindPath, argsNode);
            var choices = items.Select((item, i) => Parameter(experiment, spec.Name, item, $"{kindPath}[{i}]")).ToList();
            return new RandomDimension(spec.Name, DistributionKind.Choice, 0, 0, choices);
        }
        var (needed, distribution) = kind switch
        {
            "int_uniform" => (ParameterKind.Integer, DistributionKind.IntUniform),
            "log_uniform" => (ParameterKind.Number, DistributionKind.LogUniform),
            _ => (ParameterKind.Number, DistributionKind.Uniform),
        };
        if (spec.Kind != needed)
        {
            var hint = spec.Kind == ParameterKind.Integer ? "int_uniform or choice" : spec.Kind == ParameterKind.Number ? "uniform, log_uniform or choice" : "choice";
            throw SweepSpecException.At(kindPath, argsNode, $"{spec.Name} is {SpecReading.Expected(spec)}; use {hint}");
        }
        if (items.Count != 2) throw SweepSpecException.At(kindPath, argsNode, "expected [low, high]");
        var low = Convert.ToDouble(Parameter(experiment, spec.Name, items[0], $"{kindPath}[0]"), System.Globalization.CultureInfo.InvariantCulture);
        var high = Convert.ToDouble(Parameter(experiment, spec.Name, items[1], $"{kindPath}[1]"), System.Globalization.CultureInfo.InvariantCulture);
        if (low > high) throw SweepSpecException.At(kindPath, argsNode, $"low {FormatValue(low)} exceeds high {FormatValue(high)}");
        if (distribution == DistributionKind.LogUniform && low <= 0)
        {
            throw SweepSpecException.At($"{kindPath}[0]", items[0], $"{FormatValue(low)} must be > 0 for log_uniform");
        }
        return new RandomDimension(spec.Name, distribution, low, high, []);
    }
}
