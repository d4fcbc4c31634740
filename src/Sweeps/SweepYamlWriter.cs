using System.Globalization;
using ContrastiveOrleans.Experiments.Abstractions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace ContrastiveOrleans.Sweeps;

/// <summary>sweep.yaml: the spec as resolved (explicit seed list, point count). It parses back as a valid sweep file.</summary>
public static class SweepYamlWriter
{
    public static string Format(SweepPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return Format(plan.Spec, plan.Count);
    }

    /// <param name="count">The distinct points, written as `points:` (informational; a reader recounts).</param>
    public static string Format(SweepSpec spec, long count)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var root = new YamlMappingNode { { "name", spec.Name } };
        if (spec.Description is not null) root.Add("description", Quoted(spec.Description));
        root.Add("experiment", spec.Experiment.Name);
        root.Add("seeds", Flow(spec.Seeds.Select(s => (object)(long)s)));
        root.Add("params", FlowMap(spec.Params.Select(p => (p.Key, (YamlNode)Value(p.Value)))));
        if (spec.Grid.Count > 0)
        {
            var grid = new YamlMappingNode();
            foreach (var axis in spec.Grid) grid.Add(axis.Name, Flow(axis.Values));
            root.Add("grid", grid);
        }
        if (spec.Random is { } random)
        {
            var space = new YamlMappingNode();
            foreach (var d in random.Space)
            {
                var args = d.Kind switch
                {
                    DistributionKind.Choice => Flow(d.Choices),
                    DistributionKind.IntUniform => Flow([(long)d.Low, (long)d.High]),
                    _ => Flow([d.Low, d.High]),
                };
                space.Add(d.Name, FlowMap([(d.Describe(), args)]));
            }
            // With search.trials the draws are the trials: written once, where the parser reads them.
            root.Add("random", spec.Search.Trials is null
                ? new YamlMappingNode { { "draws", Value((long)random.Draws) }, { "space", space } }
                : new YamlMappingNode { { "space", space } });
        }
        if (spec.Curves.Count > 0)
        {
            var curves = new YamlSequenceNode();
            foreach (var c in spec.Curves)
            {
                var fields = new List<(string, YamlNode)> { ("name", new YamlScalarNode(c.Name)), ("x", new YamlScalarNode(c.X)) };
                if (c.Series is not null) fields.Add(("series", new YamlScalarNode(c.Series)));
                fields.Add(("metric", new YamlScalarNode(c.Metric)));
                if (c.Pool.Count > 0)
                {
                    var pool = new YamlSequenceNode(c.Pool.Select(a => (YamlNode)new YamlScalarNode(a))) { Style = YamlDotNet.Core.Events.SequenceStyle.Flow };
                    fields.Add(("pool", pool));
                }
                curves.Add(FlowMap(fields));
            }
            root.Add("curves", curves);
        }
        if (spec.Claims.Count > 0)
        {
            var claims = new YamlSequenceNode();
            foreach (var c in spec.Claims)
            {
                var fields = new List<(string, YamlNode)> { ("name", new YamlScalarNode(c.Name)) };
                if (c.Source is not null) fields.Add(("source", new YamlScalarNode(c.Source)));
                fields.Add(("metric", new YamlScalarNode(c.Metric)));
                if (c.Where.Count > 0)
                {
                    fields.Add(("where", FlowMap(c.Where.Select(w =>
                        (w.Key, (YamlNode)new YamlSequenceNode(w.Value.Select(v => (YamlNode)Value(v))) { Style = SequenceStyle.Flow })))));
                }
                var bound = (c.AtLeast ? "at_least" : "at_most", (YamlNode)Value(c.Bound));
                if (c.IsCoverageLaw)
                {
                    fields.Add(("coverage", new YamlScalarNode(ClaimsParser.SplitConformal)));
                }
                else if (c.IsSlope)
                {
                    fields.Add(("slope", FlowMap([("x", new YamlScalarNode(c.SlopeAxis!)), bound])));
                }
                else if (c.IsEfficiency)
                {
                    fields.Add(("efficiency", FlowMap([
                        ("x", new YamlScalarNode(c.SlopeAxis!)),
                        ("a", FlowMap(c.A!.Select(kv => (kv.Key, (YamlNode)Value(kv.Value))))),
                        ("b", FlowMap(c.B!.Select(kv => (kv.Key, (YamlNode)Value(kv.Value))))),
                        bound])));
                }
                else if (c.IsDifference)
                {
                    fields.Add(("difference", FlowMap([
                        ("a", FlowMap(c.A!.Select(kv => (kv.Key, (YamlNode)Value(kv.Value))))),
                        ("b", FlowMap(c.B!.Select(kv => (kv.Key, (YamlNode)Value(kv.Value))))),
                        bound])));
                }
                else
                {
                    fields.Add(bound);
                }
                claims.Add(FlowMap(fields));
            }
            root.Add("claims", claims);
        }
        // search only when set, so the resolved file (and the sweep id) of a grid sweep is that of earlier versions.
        if (spec.Search != Search.SearchSpec.Default) root.Add("search", SearchNode(spec.Search));
        // pack only when set, so the resolved file (and the sweep id hashed from it) of a sweep without it is unchanged.
        root.Add("resources", FlowMap(spec.Resources.Pack > 0
            ? [("threads", Value((long)spec.Resources.Threads)), ("device", new YamlScalarNode(spec.Resources.Device)), ("pack", Value((long)spec.Resources.Pack))]
            : [("threads", Value((long)spec.Resources.Threads)), ("device", new YamlScalarNode(spec.Resources.Device))]));
        root.Add("max_points", Value((long)spec.MaxPoints));
        root.Add("points", Value(count));
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        new YamlStream(new YamlDocument(root)).Save(writer, assignAnchors: false);
        // YamlStream ends documents with "...": harmless, but noise for readers of a single-document file.
        var text = writer.ToString().Replace("\n...\n", "\n", StringComparison.Ordinal);
        // The values above already include them; the comment says where they came from.
        return spec.Overrides.Count == 0 ? text : $"# resolved with overrides: {string.Join(' ', spec.Overrides.Select(o => o.Replace('\n', ' ')))}\n{text}";
    }

    private static YamlMappingNode SearchNode(Search.SearchSpec search)
    {
        var fields = new List<(string, YamlNode)> { ("algorithm", new YamlScalarNode(Search.SearchSpec.Name(search.Algorithm))) };
        if (search.Metric is not null)
        {
            fields.Add(("metric", new YamlScalarNode(search.Metric)));
            fields.Add(("mode", new YamlScalarNode(search.Maximize ? "max" : "min")));
        }
        if (search.Resource is not null) fields.Add(("resource", new YamlScalarNode(search.Resource)));
        if (search.Algorithm == Search.SearchAlgorithm.Asha)
        {
            fields.Add(("min_resource", Value(search.MinResource)));
            fields.Add(("max_resource", Value(search.MaxResource)));
            fields.Add(("reduction", Value((long)search.Reduction)));
        }
        if (search.Trials is { } trials) fields.Add(("trials", Value((long)trials)));
        if (search.IsAdaptive) fields.Add(("seed", Value(search.Seed)));
        if (search.Grace > 0) fields.Add(("grace", Value(search.Grace)));
        return FlowMap(fields);
    }

    private static YamlScalarNode Value(object value) => value switch
    {
        string s => Quoted(s),
        double d => new YamlScalarNode(ParameterSet.FormatDouble(d)),
        bool b => new YamlScalarNode(b ? "true" : "false"),
        IFormattable f => new YamlScalarNode(f.ToString(null, CultureInfo.InvariantCulture)),
        _ => new YamlScalarNode(value.ToString()),
    };

    // Quoted so that strings such as "1" or "true" stay strings when read back.
    private static YamlScalarNode Quoted(string text) => new(text) { Style = ScalarStyle.DoubleQuoted };

    private static YamlSequenceNode Flow(IEnumerable<object> values)
    {
        var node = new YamlSequenceNode(values.Select(v => (YamlNode)Value(v))) { Style = SequenceStyle.Flow };
        return node;
    }

    private static YamlMappingNode FlowMap(IEnumerable<(string Key, YamlNode Value)> entries)
    {
        var node = new YamlMappingNode { Style = MappingStyle.Flow };
        foreach (var (key, value) in entries) node.Add(key, value);
        return node;
    }
}
