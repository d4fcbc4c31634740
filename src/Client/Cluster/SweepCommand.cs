using ContrastiveOrleans.Client.Output;
using ContrastiveOrleans.Experiments.Abstractions;
using ContrastiveOrleans.Grains.Contracts;

namespace ContrastiveOrleans.Client.Cluster;

/// <summary>
/// `status SWEEP [--wait]`, `cancel SWEEP` and `results SWEEP --out DIR` against a cluster: a client that reconnects
/// (after a crash, or from another machine) reaches the sweep by its id.
/// </summary>
public sealed class SweepCommand(string command, ExperimentCatalog catalog, CliConsole console, Func<string, string?> environment)
{
    public async Task<int> ExecuteAsync(IEnumerable<string> args, CancellationToken cancellationToken)
    {
        string[] options = command switch
        {
            "status" => ["--cluster"],
            "results" => ["--cluster", "--out"],
            _ => ["--cluster"],
        };
        var line = new CommandLine(command, args, options, command == "status" ? ["--wait"] : []);
        var sweepId = SweepIds.Parse(line.Positional("SWEEP", "a sweep id (printed by run --cluster)"));
        var target = ClusterTarget.Resolve(line.Option("--cluster"), environment);
        var wait = line.Switch("--wait");
        var outDir = command == "results"
            ? OutputGuard.For(specPath: null, store: null).CheckReplaceable(line.Option("--out") ?? throw new UsageException("--out: missing; give the output directory"), "--out")
            : null;

        await using var connection = await ClusterConnection.ConnectAsync(target, TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
        var calls = new ResilientCalls(console);
        var sweep = connection.Client.GetGrain<ISweepGrain>(sweepId);
        var progress = await calls.Call(sweep.GetProgress, cancellationToken).ConfigureAwait(false);
        if (progress.State == SweepState.NotStarted) throw new UsageException($"SWEEP: '{sweepId}' is not a sweep of cluster {target}");
        switch (command)
        {
            case "cancel":
                progress = await calls.Call(sweep.Cancel, cancellationToken).ConfigureAwait(false);
                await console.Out.WriteLineAsync(ProgressReporter.Format(progress, DateTimeOffset.UtcNow)).ConfigureAwait(false);
                return ExitCodes.Success;
            case "results":
                var (plan, summary) = await SweepOutput.WriteAsync(connection.Client, sweepId, outDir!, catalog, calls, console.Error, cancellationToken).ConfigureAwait(false);
                return await ClusterRunCommand.Summarize(console, plan.Spec.Name, progress, summary, outDir!).ConfigureAwait(false);
            default:
                if (wait) progress = await SweepFollower.Follow(sweep, progress, console, calls, cancellationToken).ConfigureAwait(false);
                else await console.Out.WriteLineAsync(ProgressReporter.Format(progress, DateTimeOffset.UtcNow)).ConfigureAwait(false);
                await console.Out.WriteLineAsync($"state: {progress.State.ToString().ToLowerInvariant()}").ConfigureAwait(false);
                return ExitCodes.Success;
        }
    }
}
