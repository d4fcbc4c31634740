using ContrastiveOrleans.Client.Output;
using ContrastiveOrleans.Experiments.Abstractions;
using ContrastiveOrleans.Grains.Contracts;
using ContrastiveOrleans.Sweeps;

namespace ContrastiveOrleans.Client.Cluster;

/// <summary>Writes a cluster sweep's output directory, in the embedded run's format, from what the cluster holds.</summary>
public static class SweepOutput
{
    public static async Task<(SweepPlan Plan, IReadOnlyList<PointResult> Results)> WriteAsync(
        IClusterClient client, string sweepId, string outDir, ExperimentCatalog catalog, ResilientCalls calls, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(calls);
        var sweep = client.GetGrain<ISweepGrain>(sweepId);
        var spec = await calls.Call(sweep.GetResolvedSpec, cancellationToken).ConfigureAwait(false)
            ?? throw new UsageException($"SWEEP: '{sweepId}' is not a sweep of this cluster (or was submitted without its sweep file)");
        SweepPlan plan;
        try
        {
            plan = SweepExpander.Expand(new SweepSpecParser(catalog).Parse(spec));
        }
        catch (SweepSpecException e)
        {
            throw new UsageException($"SWEEP: the stored sweep file does not parse with this client's experiments ({e.Error}); use a client of the cluster's version");
        }
        var results = await calls.Call(sweep.GetAllResults, cancellationToken).ConfigureAwait(false);
        // The sweep grain refolds the aggregator when it reactivates, so curves follow the results it holds.
        var curves = await calls.Call(client.GetGrain<IAggregatorGrain>(sweepId).GetCurves, cancellationToken).ConfigureAwait(false);
        await OutputDirectory.WriteAsync(outDir, plan, results, curves, CancellationToken.None).ConfigureAwait(false);
        return (plan, results);
    }
}
