using System.Text;
using System.Text.Json;
using ContrastiveOrleans.Experiments.Abstractions;
using ContrastiveOrleans.Grains.Contracts;
using ContrastiveOrleans.Grains.Storage;
using ContrastiveOrleans.Sweeps;

namespace ContrastiveOrleans.Client.Report;

/// <summary>
/// Reads an output directory back (sweep.yaml and points.jsonl); every problem is one line naming the file. The points
/// are streamed, each checked against the sweep: its id recomputed from its experiment, params and seed, and met in the
/// sweep's own order (the order every run writes), so another sweep's line, an edited line or a repeated one is refused
/// in one pass with memory independent of the sweep's size.
/// </summary>
public static class OutputReader
{
    public sealed record Output(SweepPlan Plan, string SpecYaml, string PointsPath)
    {
        public SweepSpec Spec => Plan.Spec;

        public long Total => Plan.Count;
    }

    /// <summary>sweep.yaml parsed and points.jsonl checked end to end (then read again by <see cref="Results"/>).</summary>
    public static async Task<Output> ReadAsync(string directory, ExperimentCatalog catalog, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(directory)) throw new UsageException($"DIR: '{directory}' is not a directory; give the output directory of a run");
        var yamlPath = Path.Combine(directory, "sweep.yaml");
        if (!File.Exists(yamlPath)) throw new UsageException($"{yamlPath}: missing");
        string yaml;
        SweepPlan plan;
        try
        {
            yaml = await SpecLoader.ReadAsync(yamlPath, yamlPath, cancellationToken).ConfigureAwait(false);
            plan = SweepExpander.Expand(new SweepSpecParser(catalog).Parse(yaml));
        }
        catch (SweepSpecException e)
        {
            throw new UsageException($"{yamlPath}: {e.Error}");
        }
        var output = new Output(plan, yaml, Path.Combine(directory, "points.jsonl"));
        if (!File.Exists(output.PointsPath)) throw new UsageException($"{output.PointsPath}: missing");
        await foreach (var _ in Results(output, cancellationToken).ConfigureAwait(false))
        {
            // Checked now, before anything is written.
        }
        return output;
    }

    /// <summary>The checked results of points.jsonl, streamed.</summary>
    public static async IAsyncEnumerable<PointResult> Results(Output output, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        var experiment = output.Spec.Experiment;
        var yamlPath = Path.Combine(Path.GetDirectoryName(output.PointsPath)!, "sweep.yaml");
        using var planned = output.Plan.Points().GetEnumerator();
        var number = 0;
        await foreach (var text in Lines(output.PointsPath, cancellationToken).ConfigureAwait(false))
        {
            number++;
            if (text.Trim().Length == 0) continue;
            PointResult result;
            try
            {
                using var doc = JsonDocument.Parse(text);
                result = PointResultJson.Read(doc.RootElement);
            }
            catch (Exception e) when (e is JsonException or FormatException or KeyNotFoundException or InvalidOperationException)
            {
                var reason = e is KeyNotFoundException ? "a field is missing" : e.Message.Split('\n')[0];
                throw new UsageException($"{output.PointsPath}: line {number} is not a point result ({reason})");
            }
            var where = $"{output.PointsPath}: line {number}: point {result.Id}";
            if (result.Experiment != experiment.Name || !PointIds.IsId(result.Id)
                || PointIds.For(experiment, ParameterSet.FromJson(result.ParamsJson), result.Seed) != result.Id)
            {
                throw new UsageException($"{where} does not match its experiment, params and seed under {experiment.Name} v{experiment.Version} (another experiment's result, or an edited line); refused");
            }
            // Lines follow the sweep's order: the next one is some later point of the sweep.
            var found = false;
            while (planned.MoveNext())
            {
                if (planned.Current.Id == result.Id)
                {
                    found = true;
                    break;
                }
            }
            if (!found) throw new UsageException(await Refusal(output, yamlPath, where, result.Id, number, cancellationToken).ConfigureAwait(false));
            yield return result;
        }
    }

    /// <summary>Why a line was not met in order: a repeat (naming the first line), a point out of order, or not of this sweep.</summary>
    private static async Task<string> Refusal(Output output, string yamlPath, string where, string id, int number, CancellationToken cancellationToken)
    {
        var line = 0;
        await foreach (var text in Lines(output.PointsPath, cancellationToken).ConfigureAwait(false))
        {
            if (++line >= number) break;
            if (text.Contains($"\"id\":\"{id}\"", StringComparison.Ordinal)) return $"{where} appears a second time (first on line {line}); refused";
        }
        return output.Plan.Points().Any(p => p.Id == id)
            ? $"{where} is out of the sweep's order (points.jsonl is written in sweep order; was it sorted or edited?); refused"
            : $"{where} is not a point of {yamlPath} (another sweep's result); refused";
    }

    private static async IAsyncEnumerable<string> Lines(string path, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        StreamReader reader;
        try
        {
            reader = new StreamReader(path, new UTF8Encoding(false, true));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"{path}: {(e is UnauthorizedAccessException ? "permission denied" : e.Message)}");
        }
        using (reader)
        {
            while (true)
            {
                string? line;
                try
                {
                    line = await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (DecoderFallbackException)
                {
                    throw new UsageException($"{path}: not UTF-8 text");
                }
                if (line is null) yield break;
                yield return line;
            }
        }
    }
}
