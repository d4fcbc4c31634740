using ContrastiveOrleans.Client.Output;
using ContrastiveOrleans.Experiments.Abstractions;
using ContrastiveOrleans.Grains.Stats;

namespace ContrastiveOrleans.Client.Report;

/// <summary>
/// `contrastive report DIR [--format csv|parquet]`: rebuilds DIR/plots and DIR/report.html from DIR/sweep.yaml and
/// DIR/points.jsonl (curves re-aggregated with the engine's own fold), optionally exporting one flat points table.
/// </summary>
public sealed class ReportCommand(ExperimentCatalog catalog, CliConsole console)
{
    public static readonly string[] Formats = ["csv", "parquet"];
    private static readonly string[] Options = ["--format"];

    public async Task<int> ExecuteAsync(IEnumerable<string> args, CancellationToken cancellationToken)
    {
        var line = new CommandLine("report", args, Options);
        var dir = OutputPaths.CheckWritableDirectory(line.Positional("DIR", "the output directory of a run"), "DIR");
        var format = line.ChoiceOption("--format", Formats);
        var output = await OutputReader.ReadAsync(dir, catalog, cancellationToken).ConfigureAwait(false);
        // It rewrites files in DIR: only in a directory this tool wrote, holding nothing a user added.
        OutputGuard.CheckOwned(dir, "DIR", mustExist: true);

        var aggregator = new CurveAggregator(output.Spec.Curves);
        var summary = new ResultSummary();
        await foreach (var result in OutputReader.Results(output, cancellationToken).ConfigureAwait(false))
        {
            aggregator.Add(result);
            summary.Add(result);
        }
        var snapshot = new ReportSnapshot(output.Spec.Name, output.Spec.Experiment.Name, output.SpecYaml, output.Spec.Curves,
            summary, aggregator.Rows(), output.Total, WallTime: null, Live: false, DateTimeOffset.UtcNow);
        OutputMarker.Add(dir, [.. ReportWriter.Files(snapshot), .. format is null ? [] : new[] { $"points.{format}" }]);
        await ReportWriter.WriteAsync(dir, snapshot, cancellationToken).ConfigureAwait(false);
        await console.Out.WriteLineAsync(
            $"wrote {Path.Combine(dir, ReportWriter.ReportFile)} and {output.Spec.Curves.Count} plots in {Path.Combine(dir, ReportWriter.PlotsDirectory)}").ConfigureAwait(false);

        if (format is not null)
        {
            var results = new List<Grains.Contracts.PointResult>();
            await foreach (var result in OutputReader.Results(output, cancellationToken).ConfigureAwait(false)) results.Add(result);
            var table = PointsTable.From(results);
            var path = Path.Combine(dir, $"points.{format}");
            if (format == "csv") await AtomicFile.WriteAllTextAsync(path, PointsCsv.Format(table), cancellationToken).ConfigureAwait(false);
            else await AtomicFile.WriteAsync(path, s => PointsParquet.WriteAsync(s, table, cancellationToken)).ConfigureAwait(false);
            await console.Out.WriteLineAsync($"wrote {path} ({table.Results.Count} points, {table.Columns.Count()} columns)").ConfigureAwait(false);
        }
        return ExitCodes.Success;
    }
}
