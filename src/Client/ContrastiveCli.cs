using System.CommandLine;
using ContrastiveOrleans.Client.Cli;
using ContrastiveOrleans.Client.Cluster;
using ContrastiveOrleans.Experiments.Abstractions;
using ContrastiveOrleans.Sweeps;

namespace ContrastiveOrleans.Client;

/// <summary>
/// Entry point of `contrastive`, callable in-process (tests pass their own console and cancellation). System.CommandLine
/// parses and prints help (for every command, `-h`/`--help`, and usage with no arguments); every bad input is one line
/// "error: ..." and exit code 2, whether the parser or a command finds it.
/// </summary>
public static class ContrastiveCli
{
    /// <summary>The commands in the order help lists them (and error messages name them).</summary>
    public static IReadOnlyList<string> Commands { get; } = ["run", "validate", "list-experiments", "export-data", "report", "best", "compare", "verify", "status", "results", "cancel", "completion"];

    public static RootCommand Build(CliContext context)
    {
        var root = new RootCommand("""
            Reproduce and extend three results on contrastive learning as hyperparameter sweeps, on one machine or a
            cluster of Orleans silos. Each command has its own --help.

            Exit codes: 0 every point done, 1 some points failed, 2 bad input, 3 cluster unreachable, 4 `results` of a
            sweep still running, 128 + signal when a signal cancelled a run (130 Ctrl-C, 143 SIGTERM, 129 SIGHUP).
            Store: --store DIR, else $CONTRASTIVE_STORE, else $XDG_CACHE_HOME/contrastive/store (~/.cache/...).
            Cluster C: localhost[:PORT], or NAME with $CONTRASTIVE_CLUSTER_<NAME> = Azure Storage connection string;
            without --cluster, $CONTRASTIVE_CLUSTER.
            """);
        CliCommand[] commands =
        [
            new RunCommand(context),
            new ValidateCommand(context),
            new ListExperimentsCommand(context),
            new ExportDataCommand(context),
            new Report.ReportCommand(context),
            new Report.BestCommand(context),
            new Report.CompareCommand(context),
            new Report.VerifyCommand(context),
            new StatusCommand(context),
            new ResultsCommand(context),
            new CancelCommand(context),
            new CompletionCommand(context),
        ];
        foreach (var command in commands) root.Subcommands.Add(command);
        var help = root.Options.OfType<System.CommandLine.Help.HelpOption>().Single();
        help.Action = new ExamplesHelpAction((System.CommandLine.Invocation.SynchronousCommandLineAction)help.Action!, context.Console.Out);
        return root;
    }

    public static Task<int> RunAsync(string[] args, CliConsole console, CancellationToken cancellationToken) =>
        RunAsync(args, console, Environment.GetEnvironmentVariable, cancellationToken);

    public static async Task<int> RunAsync(string[] args, CliConsole console, Func<string, string?> environment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(console);
        var root = Build(new CliContext(ExperimentCatalog.Default, console, environment));
        // Signals are ours (SignalCancellation): the parser must not install its own Ctrl-C handling.
        var configuration = new InvocationConfiguration { Output = console.Out, Error = console.Error, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null };
        // "--out=" is an option given no value (the parser would take the next token for it).
        if (args.FirstOrDefault(a => a.Length > 3 && a.StartsWith("--", StringComparison.Ordinal) && a.EndsWith('=') && !a[2..^1].Contains('=', StringComparison.Ordinal)) is { } empty)
        {
            await console.Error.WriteLineAsync($"error: {empty[..^1]}: missing value").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }
        // No command at all: the usage, as if --help had been asked for.
        var result = root.Parse(args.Length == 0 ? ["--help"] : args);
        if (result.Errors.Count > 0 || CliErrors.Misplaced(result) is not null)
        {
            await console.Error.WriteLineAsync($"error: {CliErrors.OneLine(result, Commands)}").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }
        try
        {
            return await result.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
        }
        catch (UsageException e)
        {
            await console.Error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }
        catch (ClusterUnavailableException e)
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
