using ContrastiveOrleans.Experiments.Abstractions;
using ContrastiveOrleans.Sweeps;

namespace ContrastiveOrleans.Client;

/// <summary>Entry point of `contrastive`, callable in-process (tests pass their own console and cancellation).</summary>
public static class ContrastiveCli
{
    public const string Usage = """
        usage: contrastive <command> [options]
          run SPEC [--out DIR] [--workers N] [--device cpu|cuda|auto] [--store DIR]
                                 run a sweep on an embedded silo; writes DIR (default out/<name>)
              [--otlp URL] [--otlp-protocol grpc|http/protobuf] [--prometheus [HOST:]PORT] [--telemetry-console]
                                 export traces and metrics (off by default; also $OTEL_EXPORTER_OTLP_ENDPOINT)
          run SPEC --cluster C [--out DIR] [--device D] [--concurrency N] [--detach]
                                 submit to a cluster and follow it (Ctrl-C detaches; the sweep goes on)
          status SWEEP [--cluster C] [--wait]    progress of a cluster sweep (--wait: follow to the end)
          results SWEEP --out DIR [--cluster C]  write a cluster sweep's output directory
          cancel SWEEP [--cluster C]             stop a cluster sweep; finished points are kept
          validate SPEC          check a sweep file and print its point count
          list-experiments       experiments with their parameters and metrics
          export-data SPEC --point N --out DIR [--device cpu|cuda|auto]
                                 run point N (0-based, in sweep order) and write its data and learned map as CSV
          report DIR [--format csv|parquet]
                                 rebuild DIR/plots and DIR/report.html from DIR/points.jsonl and DIR/sweep.yaml;
                                 --format also exports the points as one flat table, DIR/points.csv or .parquet
        exit codes: 0 all points done, 1 some points failed, 2 bad input, 130 cancelled (Ctrl-C)
        store: --store DIR, else $CONTRASTIVE_STORE, else $XDG_CACHE_HOME/contrastive/store (~/.cache/...)
        cluster C: localhost[:PORT], or NAME with $CONTRASTIVE_CLUSTER_<NAME> = Azure Storage connection string;
                   without --cluster, $CONTRASTIVE_CLUSTER; exit code 3: cluster unreachable
        """;

    private static readonly string[] Commands = ["run", "validate", "list-experiments", "export-data", "report", "status", "results", "cancel"];

    public static async Task<int> RunAsync(string[] args, CliConsole console, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(console);
        var catalog = ExperimentCatalog.Default;
        try
        {
            if (args.Length == 0) throw new UsageException($"missing command; one of {string.Join(", ", Commands)} (--help for usage)");
            var rest = args.Skip(1);
            switch (args[0])
            {
                case "-h" or "--help" or "help":
                    await console.Out.WriteLineAsync(Usage).ConfigureAwait(false);
                    return ExitCodes.Success;
                case "run":
                    return await new RunCommand(catalog, console).ExecuteAsync(rest, cancellationToken).ConfigureAwait(false);
                case "validate":
                    return await new ValidateCommand(catalog, console).ExecuteAsync(rest, cancellationToken).ConfigureAwait(false);
                case "list-experiments":
                    return await new ListExperimentsCommand(catalog, console).ExecuteAsync(rest, cancellationToken).ConfigureAwait(false);
                case "status" or "results" or "cancel":
                    return await new Cluster.SweepCommand(args[0], catalog, console, Environment.GetEnvironmentVariable).ExecuteAsync(rest, cancellationToken).ConfigureAwait(false);
                case "export-data":
                    return await new ExportDataCommand(catalog, console).ExecuteAsync(rest, cancellationToken).ConfigureAwait(false);
                case "report":
                    return await new Report.ReportCommand(catalog, console).ExecuteAsync(rest, cancellationToken).ConfigureAwait(false);
                default:
                    throw new UsageException($"{args[0]}: unknown command; one of {string.Join(", ", Commands)}");
            }
        }
        catch (UsageException e)
        {
            await console.Error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }
        catch (Cluster.ClusterUnavailableException e)
        {
            await console.Error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            return ExitCodes.ClusterUnavailable;
        }
        catch (SweepSpecException e)
        {
            await console.Error.WriteLineAsync($"error: {e.Error}").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }
    }
}
