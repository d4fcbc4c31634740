using System.CommandLine;
using ContrastiveOrleans.Client.Cli;

namespace ContrastiveOrleans.Client.Cluster;

/// <summary>`contrastive cancel SWEEP [--cluster C]`: stops a cluster sweep; finished points are kept.</summary>
public sealed class CancelCommand : CliCommand
{
    private readonly Argument<string> _sweep = CliOptions.Required("SWEEP", "A sweep id (printed by run --cluster).");
    private readonly Option<string> _cluster = CliOptions.Text("--cluster", "C", "The cluster (default $CONTRASTIVE_CLUSTER): localhost[:PORT], a NAME or a connection string.");

    public CancelCommand(CliContext context)
        : base("cancel", """
            Stop a cluster sweep: no point is dispatched any more, running points are cancelled, finished ones are kept
            (results writes them; running the sweep file again resumes it from the store).

            Examples:
              contrastive cancel 3f9a1c0e5b7d2a4f9e8c7b6a5d4c3b2a --cluster dev
            """, context)
    {
        Arguments.Add(_sweep);
        Options.Add(_cluster);
    }

    protected override async Task<int> ExecuteAsync(ParseResult result, CancellationToken cancellationToken)
    {
        var id = SweepIds.Parse(result.GetValue(_sweep)!);
        var target = ClusterTarget.Resolve(result.GetValue(_cluster), Context.Environment);
        await using var sweep = await ClusterSweep.OpenAsync(id, target, Console, cancellationToken).ConfigureAwait(false);
        var progress = await sweep.Calls.Call(sweep.Grain.Cancel, cancellationToken).ConfigureAwait(false);
        await Console.Out.WriteLineAsync(ProgressReporter.Format(progress, DateTimeOffset.UtcNow)).ConfigureAwait(false);
        return ExitCodes.Success;
    }
}
