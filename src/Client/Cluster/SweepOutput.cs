using ContrastiveOrleans.Client.Output;
using ContrastiveOrleans.Client.Report;
using ContrastiveOrleans.Experiments.Abstractions;
using ContrastiveOrleans.Grains.Contracts;
using ContrastiveOrleans.Sweeps;

namespace ContrastiveOrleans.Client.Cluster;

/// <summary>
/// Writes a cluster sweep's output directory, in the embedded run's format (report and plots included), from what the
/// cluster holds: the resolved sweep from its root, the results streamed page by page from its shards.
/// </summary>
public static class SweepOutput
{
    public static async Task<(SweepPlan Plan, ResultSummary Summary)> WriteAsync(
        IClusterClient client, string sweepId, string outDir, ExperimentCatalog catalog, ResilientCalls calls, TextWriter warnings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(calls);
        var sweep = client.GetGrain<ISweepGrain>(sweepId);
        var definition = await calls.Call(sweep.GetDefinition, cancellationToken).ConfigureAwait(false)
            ?? throw new UsageException($"SWEEP: '{sweepId}' is not a sweep of this cluster");
        SweepPlan plan;
        try
        {
            plan = SweepExpander.Expand(new SweepSpecParser(catalog).Parse(definition.ResolvedSpec));
        }
        catch (SweepSpecException e)
        {
            throw new UsageException($"SWEEP: the stored sweep file does not parse with this client's experiments ({e.Error}); use a client of the cluster's version");
        }
        var (summary, _) = await OutputDirectory.WriteAsync(outDir, plan, SweepResults.Stream(sweep, calls.Call, cancellationToken),
            RunReport.Final(plan, () => null, warnings), warnings, cancellationToken).ConfigureAwait(false);
        return (plan, summary);
    }
}
