using System.CommandLine;
using ContrastiveOrleans.Client.Cli;

namespace ContrastiveOrleans.Client.Cluster;

/// <summary>`contrastive status SWEEP [--cluster C] [--wait]`: a cluster sweep's progress, or followed to the end.</summary>
public sealed class StatusCommand : CliCommand
{
    private readonly Argument<string> _sweep = CliOptions.Required("SWEEP", "A sweep id (printed by run --cluster).");
    private readonly Option<string> _cluster = CliOptions.Text("--cluster", "C", "The cluster (default $CONTRASTIVE_CLUSTER): localhost[:PORT], a NAME or a connection string.");
    private readonly Option<bool> _wait = CliOptions.Switch("--wait", "Follow the sweep to the end (Ctrl-C only stops following).");

    public StatusCommand(CliContext context)
        : base("status", """
            Show a cluster sweep's progress. A client that reconnects (after a crash, or from another machine) reaches
            the sweep by its id.

            Examples:
              contrastive status 3f9a1c0e5b7d2a4f9e8c7b6a5d4c3b2a --cluster dev
              contrastive status 3f9a1c0e5b7d2a4f9e8c7b6a5d4c3b2a --wait
            """, context)
    {
        Arguments.Add(_sweep);
        Options.Add(_cluster);
        Options.Add(_wait);
    }

    protected override async Task<int> ExecuteAsync(ParseResult result, CancellationToken cancellationToken)
    {
        var id = SweepIds.Parse(result.GetValue(_sweep)!);
        var target = ClusterTarget.Resolve(result.GetValue(_cluster), Context.Environment);
        await using var sweep = await ClusterSweep.OpenAsync(id, target, Console, cancellationToken).ConfigureAwait(false);
        var progress = sweep.Progress;
        if (result.GetValue(_wait)) progress = await SweepFollower.Follow(sweep.Grain, progress, Console, sweep.Calls, kindTotals: null, cancellationToken).ConfigureAwait(false);
        else await Console.Out.WriteLineAsync(ProgressReporter.Format(progress, DateTimeOffset.UtcNow)).ConfigureAwait(false);
        await Console.Out.WriteLineAsync($"state: {progress.State.ToString().ToLowerInvariant()}").ConfigureAwait(false);
        foreach (var line in SearchText.Status(progress)) await Console.Out.WriteLineAsync(line).ConfigureAwait(false);
        return ExitCodes.Success;
    }
}
