using System.CommandLine;
using ContrastiveOrleans.Client.Cli;
using ContrastiveOrleans.Client.Output;

namespace ContrastiveOrleans.Client.Cluster;

/// <summary>`contrastive results SWEEP --out DIR [--cluster C]`: a cluster sweep's output directory, streamed from the cluster.</summary>
public sealed class ResultsCommand : CliCommand
{
    private readonly Argument<string> _sweep = CliOptions.Required("SWEEP", "A sweep id (printed by run --cluster).");
    private readonly Option<string> _out = CliOptions.Text("--out", "DIR", "The output directory to write (replaced only if new, empty or an earlier output).");
    private readonly Option<string> _cluster = CliOptions.Text("--cluster", "C", "The cluster (default $CONTRASTIVE_CLUSTER): localhost[:PORT], a NAME or a connection string.");

    public ResultsCommand(CliContext context)
        : base("results", """
            Write a cluster sweep's output directory (points.jsonl, curves.csv, sweep.yaml, report.html, plots/) from
            what the cluster holds. Exit code 4 while the sweep still runs (the finished points are written).

            Examples:
              contrastive results 3f9a1c0e5b7d2a4f9e8c7b6a5d4c3b2a --cluster dev --out out/big
            """, context)
    {
        Arguments.Add(_sweep);
        Options.Add(_out);
        Options.Add(_cluster);
    }

    protected override async Task<int> ExecuteAsync(ParseResult result, CancellationToken cancellationToken)
    {
        var id = SweepIds.Parse(result.GetValue(_sweep)!);
        var target = ClusterTarget.Resolve(result.GetValue(_cluster), Context.Environment);
        var outDir = OutputGuard.For(specPath: null, store: null)
            .CheckReplaceable(result.GetValue(_out) ?? throw new UsageException("--out: missing; give the output directory"), "--out");
        await using var sweep = await ClusterSweep.OpenAsync(id, target, Console, cancellationToken).ConfigureAwait(false);
        var (plan, summary) = await SweepOutput.WriteAsync(sweep.Connection.Client, id, outDir, Context.Catalog, sweep.Calls, Console.Error, cancellationToken).ConfigureAwait(false);
        return await ClusterRun.Summarize(Console, plan.Spec.Name, sweep.Progress, summary, outDir).ConfigureAwait(false);
    }
}
