using System.CommandLine;
using ContrastiveOrleans.Client.Cli;
using ContrastiveOrleans.Client.Output;
using ContrastiveOrleans.Grains.Stats;

namespace ContrastiveOrleans.Client.Report;

/// <summary>
/// `contrastive report DIR [--format csv|parquet]`: rebuilds DIR/plots and DIR/report.html from DIR/sweep.yaml and
/// DIR/points.jsonl (curves re-aggregated with the engine's own fold), optionally exporting one flat points table.
/// </summary>
public sealed class ReportCommand : CliCommand
{
    public static readonly string[] Formats = ["csv", "parquet"];
    private readonly Argument<string> _dir = CliOptions.Required("DIR", "The output directory of a run.");
    private readonly Option<string> _format = CliOptions.Text("--format", "csv|parquet", "Also export the points as one flat table, DIR/points.csv or DIR/points.parquet.");

    public ReportCommand(CliContext context)
        : base("report", """
            Rebuild DIR/plots and DIR/report.html from DIR/points.jsonl and DIR/sweep.yaml (the curves re-folded exactly
            as the run did); every line of points.jsonl must be a point of the sweep, once.

            Examples:
              contrastive report out/quickstart
              contrastive report out/quickstart --format parquet
            """, context)
    {
        Arguments.Add(_dir);
        Options.Add(_format);
    }

    protected override async Task<int> ExecuteAsync(ParseResult result, CancellationToken cancellationToken)
    {
        var dir = OutputPaths.CheckWritableDirectory(result.GetValue(_dir), "DIR");
        var format = CliOptions.Choice(result, _format, Formats);
        var output = await OutputReader.ReadAsync(dir, Context.Catalog, cancellationToken).ConfigureAwait(false);
        // It rewrites files in DIR: only in a directory this tool wrote, holding nothing a user added.
        OutputGuard.CheckOwned(dir, "DIR", mustExist: true);

        var aggregator = new CurveAggregator(output.Spec.Curves);
        var summary = new ResultSummary { Claims = ClaimChecker.For(output.Spec) };
        await foreach (var point in OutputReader.Results(output, cancellationToken).ConfigureAwait(false))
        {
            aggregator.Add(point);
            summary.Add(point);
        }
        var snapshot = new ReportSnapshot(output.Spec.Name, output.Spec.Experiment.Name, output.SpecYaml, output.Spec.Curves,
            summary, aggregator.Rows(), output.Total, WallTime: null, Live: false, DateTimeOffset.UtcNow) { Spec = output.Spec };
        OutputMarker.Add(dir, [.. ReportWriter.Files(snapshot), .. format is null ? [] : new[] { $"points.{format}" }]);
        await ReportWriter.WriteAsync(dir, snapshot, cancellationToken).ConfigureAwait(false);
        await Console.Out.WriteLineAsync(
            $"wrote {Path.Combine(dir, ReportWriter.ReportFile)} and {output.Spec.Curves.Count} plots in {Path.Combine(dir, ReportWriter.PlotsDirectory)}").ConfigureAwait(false);

        if (format is not null)
        {
            var results = new List<Grains.Contracts.PointResult>();
            await foreach (var point in OutputReader.Results(output, cancellationToken).ConfigureAwait(false)) results.Add(point);
            var table = PointsTable.From(results);
            var path = Path.Combine(dir, $"points.{format}");
            if (format == "csv") await AtomicFile.WriteAllTextAsync(path, PointsCsv.Format(table), cancellationToken).ConfigureAwait(false);
            else await AtomicFile.WriteAsync(path, s => PointsParquet.WriteAsync(s, table, cancellationToken)).ConfigureAwait(false);
            await Console.Out.WriteLineAsync($"wrote {path} ({table.Results.Count} points, {table.Columns.Count()} columns)").ConfigureAwait(false);
        }
        return ExitCodes.Success;
    }
}
