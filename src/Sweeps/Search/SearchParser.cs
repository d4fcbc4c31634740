using ContrastiveOrleans.Experiments.Abstractions;
using static ContrastiveOrleans.Sweeps.SpecReading;

namespace ContrastiveOrleans.Sweeps.Search;

/// <summary>Parses `search:`; every field is checked against the algorithm that reads it and against the rest of the file.</summary>
internal static class SearchParser
{
    private static readonly string[] Fields = ["algorithm", "metric", "mode", "resource", "min_resource", "max_resource", "reduction", "trials", "seed", "grace"];
    private static readonly string[] Algorithms = ["grid", "random", "asha", "median", "tpe"];

    public static SearchSpec Parse(SpecNode node, IExperiment experiment, List<KeyValuePair<string, object>> parameters, List<GridAxis> grid,
        SpecNode? randomNode, RandomSearch? random)
    {
        var fields = Entries(Mapping(node, "search"), "search", Fields);
        var algorithm = SearchAlgorithm.Grid;
        if (fields.TryGetValue("algorithm", out var algorithmNode))
        {
            var text = Text(algorithmNode, "search.algorithm");
            var at = Array.IndexOf(Algorithms, text);
            if (at < 0) throw SweepSpecException.At("search.algorithm", algorithmNode, $"{Quote(text)} is not one of {string.Join(", ", Algorithms)}");
            algorithm = (SearchAlgorithm)at;
        }
        var name = SearchSpec.Name(algorithm);
        void Only(string field, params SearchAlgorithm[] readers)
        {
            if (fields.TryGetValue(field, out var n) && !readers.Contains(algorithm))
            {
                throw SweepSpecException.At($"search.{field}", n, $"not read by {name}; only by {string.Join(", ", readers.Select(SearchSpec.Name))}");
            }
        }
        Only("resource", SearchAlgorithm.Asha, SearchAlgorithm.Median);
        Only("min_resource", SearchAlgorithm.Asha);
        Only("max_resource", SearchAlgorithm.Asha);
        Only("reduction", SearchAlgorithm.Asha);
        Only("trials", SearchAlgorithm.Random, SearchAlgorithm.Asha, SearchAlgorithm.Tpe);
        Only("seed", SearchAlgorithm.Asha, SearchAlgorithm.Median, SearchAlgorithm.Tpe);
        Only("grace", SearchAlgorithm.Median);

        var adaptive = algorithm is SearchAlgorithm.Asha or SearchAlgorithm.Median or SearchAlgorithm.Tpe;
        string? metric = null;
        if (fields.TryGetValue("metric", out var metricNode))
        {
            metric = Text(metricNode, "search.metric");
            if (!experiment.Metrics.Contains(metric, StringComparer.Ordinal))
            {
                throw SweepSpecException.At("search.metric", metricNode, $"{Quote(metric)} is not a metric of {experiment.Name}; one of {string.Join(", ", experiment.Metrics)}");
            }
        }
        else if (adaptive)
        {
            throw SweepSpecException.At("search.metric", node, $"missing; {name} needs the metric it optimises, one of {string.Join(", ", experiment.Metrics)}");
        }
        var goal = metric is null ? MetricGoal.None : experiment.MetricSpecs.FirstOrDefault(m => m.Name == metric)?.Goal ?? MetricGoal.None;
        bool maximize;
        if (fields.TryGetValue("mode", out var modeNode))
        {
            var mode = Text(modeNode, "search.mode");
            maximize = mode switch
            {
                "max" => true,
                "min" => false,
                _ => throw SweepSpecException.At("search.mode", modeNode, $"{Quote(mode)} is not one of max, min"),
            };
        }
        else if (metric is not null && goal == MetricGoal.None)
        {
            throw SweepSpecException.At("search.mode", node, $"missing; {metric} has no better direction, so say max or min");
        }
        else
        {
            maximize = goal != MetricGoal.Lower;
        }

        string? resource = null;
        ParameterSpec? resourceSpec = null;
        if (fields.TryGetValue("resource", out var resourceNode))
        {
            resource = Text(resourceNode, "search.resource");
            resourceSpec = Find(experiment, resource);
            if (resourceSpec is not { Kind: ParameterKind.Integer })
            {
                var integers = experiment.Parameters.Where(p => p.Kind == ParameterKind.Integer).Select(p => p.Name);
                throw SweepSpecException.At("search.resource", resourceNode, $"{Quote(resource)} is not an integer parameter of {experiment.Name}; one of {string.Join(", ", integers)}");
            }
            if (grid.Any(a => a.Name == resource) || random?.Space.Any(d => d.Name == resource) == true)
            {
                throw SweepSpecException.At("search.resource", resourceNode, $"{resource} is swept; the budget is {(algorithm == SearchAlgorithm.Asha ? "set per rung by asha" : "one value")}, not an axis");
            }
            if (algorithm == SearchAlgorithm.Asha && parameters.Any(p => p.Key == resource))
            {
                throw SweepSpecException.At($"params.{resource}", resourceNode, $"also search.resource; asha sets {resource} per rung from min_resource to max_resource");
            }
        }
        else if (algorithm == SearchAlgorithm.Asha)
        {
            throw SweepSpecException.At("search.resource", node, "missing; asha needs the integer parameter that is its budget (e.g. epochs)");
        }

        long min = 0, max = 0;
        var reduction = 3;
        if (algorithm == SearchAlgorithm.Asha)
        {
            var (low, high) = ((long)(resourceSpec!.Min ?? 1), (long)(resourceSpec.Max ?? int.MaxValue));
            min = fields.TryGetValue("min_resource", out var minNode)
                ? Integer(minNode, "search.min_resource", Math.Max(1, low), high)
                : throw SweepSpecException.At("search.min_resource", node, $"missing; asha's first budget, an integer in [{Math.Max(1, low)}, {high}]");
            max = fields.TryGetValue("max_resource", out var maxNode)
                ? Integer(maxNode, "search.max_resource", Math.Max(1, low), high)
                : throw SweepSpecException.At("search.max_resource", node, $"missing; asha's last budget, an integer in [{min + 1}, {high}]");
            if (max <= min) throw SweepSpecException.At("search.max_resource", maxNode, $"{max} must exceed min_resource = {min}");
            if (fields.TryGetValue("reduction", out var reductionNode)) reduction = (int)Integer(reductionNode, "search.reduction", 2, 100);
        }

        int? trials = null;
        if (fields.TryGetValue("trials", out var trialsNode))
        {
            trials = (int)Integer(trialsNode, "search.trials", 1, SearchSpec.MaxConfigurations);
            if (random is null && algorithm != SearchAlgorithm.Tpe)
            {
                throw SweepSpecException.At("search.trials", trialsNode, $"{name} draws its trials from random.space, which is missing; without it {name} runs every grid cell");
            }
            if (randomNode is SpecMapping randomFields && randomFields.Entries.Any(e => e.Key.Text == "draws"))
            {
                throw SweepSpecException.At("random.draws", randomNode, "also search.trials; give the number of configurations once");
            }
        }
        if (algorithm == SearchAlgorithm.Tpe)
        {
            if (random is null) throw SweepSpecException.At("search.algorithm", algorithmNode!, "tpe proposes values of random.space, which is missing; give random.space");
            if (grid.Count > 0) throw SweepSpecException.At($"grid.{grid[0].Name}", node, "tpe proposes every swept value; move grid axes into random.space as choice");
            trials ??= 50;
        }
        var seed = fields.TryGetValue("seed", out var seedNode) ? Integer(seedNode, "search.seed", 0, int.MaxValue) : 0;

        if (algorithm == SearchAlgorithm.Median)
        {
            var evaluated = experiment.EvaluatedDuringTraining;
            if (!evaluated.Contains(metric!, StringComparer.Ordinal))
            {
                throw SweepSpecException.At("search.metric", metricNode!, evaluated.Count == 0
                    ? $"median stops on reports during training, and {experiment.Name} reports no metric during training"
                    : $"{metric} is not reported during training; median can stop on {string.Join(", ", evaluated)}");
            }
            if (experiment.Parameters.Any(p => p.Name == "eval_every")
                && !(parameters.FirstOrDefault(p => p.Key == "eval_every").Value is long every && every > 0))
            {
                throw SweepSpecException.At("params.eval_every", node, $"median needs {metric} during training; set params.eval_every (epochs between evaluations) above 0");
            }
        }
        long grace = 0;
        if (fields.TryGetValue("grace", out var graceNode))
        {
            if (resourceSpec is null) throw SweepSpecException.At("search.grace", graceNode, "counts in the resource's units; give search.resource (e.g. epochs)");
            grace = Integer(graceNode, "search.grace", 0, (long)(resourceSpec.Max ?? int.MaxValue));
        }
        return new SearchSpec(algorithm, metric, maximize, resource, min, max, reduction, trials, seed, grace);
    }
}
