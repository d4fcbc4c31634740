using System.CommandLine;
using System.Globalization;
using ContrastiveOrleans.Client.Cli;
using ContrastiveOrleans.Experiments.Abstractions;
using ContrastiveOrleans.Grains.Contracts;

namespace ContrastiveOrleans.Client.Report;

/// <summary>
/// `contrastive best DIR --metric M [--max|--min] [--top K]`: the winning configurations of a run, each with its mean
/// over seeds, 95% interval and seed count, ranked by the mean in the metric's better direction.
/// </summary>
public sealed class BestCommand : CliCommand
{
    private const int DefaultTop = 5;
    private readonly Argument<string> _dir = CliOptions.Required("DIR", "The output directory of a run.");
    private readonly Option<string> _metric = CliOptions.Text("--metric", "NAME", "The metric to rank by (list-experiments NAME shows each metric's meaning).");
    private readonly Option<bool> _max = CliOptions.Switch("--max", "Higher is better (default: the metric's own direction).");
    private readonly Option<bool> _min = CliOptions.Switch("--min", "Lower is better (default: the metric's own direction).");
    private readonly Option<string> _top = CliOptions.Text("--top", "K", $"How many configurations to show (default {DefaultTop}).");

    public BestCommand(CliContext context)
        : base("best", """
            Rank the configurations of a run by a metric: each configuration's mean over its seeds, with the 95%
            Student-t interval and the number of seeds, best first. Only the parameters that differ between
            configurations are shown.

            Examples:
              contrastive best out/quickstart --metric subspace_distance
              contrastive best out/alpha-cl-losses --metric knn_accuracy --top 3
              contrastive best out/conformal-tradeoff --metric exclusion --max
            """, context)
    {
        Arguments.Add(_dir);
        Options.Add(_metric);
        Options.Add(_max);
        Options.Add(_min);
        Options.Add(_top);
    }

    protected override async Task<int> ExecuteAsync(ParseResult result, CancellationToken cancellationToken)
    {
        var dir = result.GetValue(_dir)!;
        var top = CliOptions.Integer(result, _top, 1, 1_000_000) ?? DefaultTop;
        if (result.GetValue(_max) && result.GetValue(_min)) throw new UsageException("--max, --min: give one of them, not both");
        var output = await OutputReader.ReadAsync(dir, Context.Catalog, cancellationToken).ConfigureAwait(false);
        var experiment = output.Spec.Experiment;
        var name = result.GetValue(_metric) ?? throw new UsageException($"--metric: missing; one of {string.Join(", ", experiment.Metrics)}");
        var metric = experiment.MetricSpecs.FirstOrDefault(m => m.Name == name)
            ?? throw new UsageException($"--metric: '{name}' is not a metric of {experiment.Name}; one of {string.Join(", ", experiment.Metrics)}");
        var higher = result.GetValue(_max) || (!result.GetValue(_min) && metric.Goal switch
        {
            MetricGoal.Higher => true,
            MetricGoal.Lower => false,
            _ => throw new UsageException($"--max, --min: {name} has no better direction ({metric.Description}); give --max or --min"),
        });

        var scores = new Dictionary<string, ConfigurationScore>(StringComparer.Ordinal);
        await foreach (var point in OutputReader.Results(output, cancellationToken).ConfigureAwait(false))
        {
            if (!scores.TryGetValue(point.ParamsJson, out var score)) scores[point.ParamsJson] = score = new ConfigurationScore(point.ParamsJson);
            if (point.Status == PointStatus.Done && point.Metrics.TryGetValue(name, out var value)) score.Add(value);
            else if (point.Status == PointStatus.Failed) score.AddFailure();
        }
        var scored = scores.Values.Where(s => s.N > 0).ToList();
        if (scored.Count == 0)
        {
            await Console.Error.WriteLineAsync($"error: no done point of {dir} has {name}").ConfigureAwait(false);
            return ExitCodes.PointsFailed;
        }
        // Ties keep sweep order (a stable sort over the configurations as first met).
        var ranked = (higher ? scored.OrderByDescending(s => s.Mean) : scored.OrderBy(s => s.Mean)).Take(top).ToList();
        var parameters = scores.Values.Select(s => ParameterSet.FromJson(s.ParamsJson)).ToList();
        var shown = PointsSection.Varying(parameters);

        await Console.Out.WriteLineAsync(
            $"{output.Spec.Name}: best {ranked.Count} of {scored.Count} configurations by {name} ({(higher ? "higher" : "lower")} is better); mean over seeds with its 95% Student-t interval").ConfigureAwait(false);
        string[] head = ["rank", "mean", "ci_low", "ci_high", "n", .. scores.Values.Any(s => s.Failed > 0) ? new[] { "failed" } : [], .. shown];
        var rows = ranked.Select((s, i) =>
        {
            var (low, high) = s.Interval;
            var p = ParameterSet.FromJson(s.ParamsJson);
            string[] cells = [(i + 1).ToString(CultureInfo.InvariantCulture), Number(s.Mean), Number(low), Number(high), s.N.ToString(CultureInfo.InvariantCulture)];
            if (head.Contains("failed")) cells = [.. cells, s.Failed.ToString(CultureInfo.InvariantCulture)];
            return (string[])[.. cells, .. shown.Select(n => p.TryGetValue(n, out var v) ? PointsCsv.Value(v) : "")];
        }).ToList();
        var widths = head.Select((h, c) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(r => r[c].Length))).ToArray();
        await Console.Out.WriteLineAsync(string.Join("  ", head.Select((h, c) => h.PadRight(widths[c]))).TrimEnd()).ConfigureAwait(false);
        foreach (var row in rows) await Console.Out.WriteLineAsync(string.Join("  ", row.Select((v, c) => v.PadRight(widths[c]))).TrimEnd()).ConfigureAwait(false);
        return ExitCodes.Success;
    }

    /// <summary>Six significant digits; "-" for an interval one seed cannot give.</summary>
    private static string Number(double value) => double.IsNaN(value) ? "-" : value.ToString("G6", CultureInfo.InvariantCulture);
}
