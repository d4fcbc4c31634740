using System.Text.Json;
using ContrastiveOrleans.Experiments.Abstractions;
using ContrastiveOrleans.Grains.Contracts;
using ContrastiveOrleans.Grains.Storage;
using ContrastiveOrleans.Sweeps;

namespace ContrastiveOrleans.Client.Report;

/// <summary>Reads an output directory back (sweep.yaml and points.jsonl); every problem is one line naming the file.</summary>
public static class OutputReader
{
    public sealed record Output(SweepSpec Spec, string SpecYaml, int Total, IReadOnlyList<PointResult> Results);

    public static async Task<Output> ReadAsync(string directory, ExperimentCatalog catalog, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(directory)) throw new UsageException($"DIR: '{directory}' is not a directory; give the output directory of a run");
        var yamlPath = Path.Combine(directory, "sweep.yaml");
        if (!File.Exists(yamlPath)) throw new UsageException($"{yamlPath}: missing");
        string yaml;
        try
        {
            yaml = await SpecLoader.ReadAsync(yamlPath, yamlPath, cancellationToken).ConfigureAwait(false);
        }
        catch (SweepSpecException e)
        {
            throw new UsageException(e.Error.ToString());
        }
        SweepPlan plan;
        try
        {
            plan = SweepExpander.Expand(new SweepSpecParser(catalog).Parse(yaml));
        }
        catch (SweepSpecException e)
        {
            throw new UsageException($"{yamlPath}: {e.Error}");
        }
        var pointsPath = Path.Combine(directory, "points.jsonl");
        var lines = (await ReadText(pointsPath, cancellationToken).ConfigureAwait(false)).Split('\n');
        var results = new List<PointResult>();
        // Every line must be a point of this sweep.yaml, once: another sweep's lines, an edited one or a duplicate
        // would be folded into the curves as if they were more seeds.
        var planned = plan.Points.Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        var firstLine = new Dictionary<string, int>(StringComparer.Ordinal);
        var experiment = plan.Spec.Experiment;
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Trim().Length == 0) continue;
            PointResult result;
            try
            {
                using var doc = JsonDocument.Parse(lines[i]);
                result = PointResultJson.Read(doc.RootElement);
            }
            catch (Exception e) when (e is JsonException or FormatException or KeyNotFoundException or InvalidOperationException)
            {
                var reason = e is KeyNotFoundException ? "a field is missing" : e.Message.Split('\n')[0];
                throw new UsageException($"{pointsPath}: line {i + 1} is not a point result ({reason})");
            }
            var where = $"{pointsPath}: line {i + 1}: point {result.Id}";
            if (result.Experiment != experiment.Name || PointIds.Compute(experiment.Name, experiment.Version, ParameterSet.FromJson(result.ParamsJson), result.Seed) != result.Id)
            {
                throw new UsageException($"{where} does not match its experiment, params and seed under {experiment.Name} v{experiment.Version} (another experiment's result, or an edited line); refused");
            }
            if (!planned.Contains(result.Id)) throw new UsageException($"{where} is not a point of {yamlPath} (another sweep's result); refused");
            if (!firstLine.TryAdd(result.Id, i + 1)) throw new UsageException($"{where} appears a second time (first on line {firstLine[result.Id]}); refused");
            results.Add(result);
        }
        return new Output(plan.Spec, yaml, plan.Points.Count, results);
    }

    private static async Task<string> ReadText(string path, CancellationToken cancellationToken)
    {
        try
        {
            return await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var reason = e switch
            {
                FileNotFoundException or DirectoryNotFoundException => "missing",
                UnauthorizedAccessException => "permission denied",
                _ => e.Message,
            };
            throw new UsageException($"{path}: {reason}");
        }
    }
}
