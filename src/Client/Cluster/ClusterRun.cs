using System.Globalization;
using ContrastiveOrleans.Client.Report;
using ContrastiveOrleans.Experiments.Abstractions;
using ContrastiveOrleans.Grains;
using ContrastiveOrleans.Grains.Contracts;
using ContrastiveOrleans.Sweeps;

namespace ContrastiveOrleans.Client.Cluster;

/// <summary>
/// `contrastive run SPEC --cluster C`: submits the sweep to a running cluster and follows it. Ctrl-C (or a lost client)
/// only detaches: the sweep goes on in the cluster; `status`, `results` and `cancel` reach it by the printed id.
/// </summary>
public sealed class ClusterRun(ExperimentCatalog catalog, CliConsole console)
{
    public async Task<int> ExecuteAsync(SweepPlan plan, ClusterTarget target, string outDir, string? device, int concurrency, bool detach, bool force,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(target);
        await using var connection = await ClusterConnection.ConnectAsync(target, TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
        var calls = new ResilientCalls(console);
        var runId = SweepIds.New(plan);
        var definition = plan.ToDefinition(runId, device ?? plan.Spec.Resources.Device, concurrency, skipMemoryCheck: force);
        var sweep = connection.Client.GetGrain<ISweepGrain>(runId);
        SweepProgress progress;
        try
        {
            progress = await calls.Call(ct => sweep.Start(definition, ct), cancellationToken).ConfigureAwait(false);
        }
        catch (ArgumentException e)
        {
            // The silo refused it: its expansion of the file, or the memory budget of its machine.
            throw new UsageException(e.Message);
        }
        await console.Out.WriteLineAsync($"submitted {plan.Spec.Name}: {SearchText.Points(plan)} of {plan.Spec.Experiment.Name} to cluster {target}").ConfigureAwait(false);
        await console.Out.WriteLineAsync($"sweep id: {runId}").ConfigureAwait(false);
        await console.Out.FlushAsync(cancellationToken).ConfigureAwait(false);
        if (detach) return ExitCodes.Success;

        progress = await SweepFollower.Follow(sweep, progress, console, calls, plan.Spec.Search.IsAdaptive ? null : CostKind.Totals(plan), cancellationToken).ConfigureAwait(false);
        if (!progress.IsFinal)
        {
            await console.Error.WriteLineAsync($"detached; the sweep goes on. Later: contrastive results {runId} --cluster {target.Display} --out DIR").ConfigureAwait(false);
            return ExitCodes.Cancelled;
        }
        var (_, summary) = await SweepOutput.WriteAsync(connection.Client, runId, outDir, catalog, calls, console.Error, CancellationToken.None).ConfigureAwait(false);
        return await Summarize(console, plan.Spec.Name, progress, summary, outDir).ConfigureAwait(false);
    }

    /// <summary>The embedded run's closing lines and exit code, shared with `results`.</summary>
    public static async Task<int> Summarize(CliConsole console, string name, SweepProgress p, ResultSummary summary, string outDir)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(summary);
        foreach (var f in summary.Failures.Take(50))
        {
            await console.Error.WriteLineAsync($"failed {f.Id} seed {f.Seed} {f.ParamsJson}: {f.Error}").ConfigureAwait(false);
        }
        var failed = summary.Failed;
        await console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{name}: {p.State.ToString().ToLowerInvariant()}; {summary.Done} done ({summary.Cached} reused from the store), {failed} failed, {(summary.Stopped > 0 ? $"{summary.Stopped} stopped early, " : "")}{p.Total - summary.Finished} not run, of {p.Total}; wrote {outDir}")).ConfigureAwait(false);
        foreach (var line in SearchText.Status(p)) await console.Out.WriteLineAsync(line).ConfigureAwait(false);
        return p.State == SweepState.Cancelled ? ExitCodes.Cancelled
            : !p.IsFinal ? ExitCodes.NotFinished
            : failed > 0 ? ExitCodes.PointsFailed
            : ExitCodes.Success;
    }
}
