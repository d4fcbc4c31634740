using System.Globalization;
using ContrastiveOrleans.Client.Output;
using ContrastiveOrleans.Client.Report;
using ContrastiveOrleans.Experiments.Abstractions;
using ContrastiveOrleans.Grains;
using ContrastiveOrleans.Grains.Contracts;
using ContrastiveOrleans.Grains.Storage;
using ContrastiveOrleans.Grains.Telemetry;
using ContrastiveOrleans.Grains.Workers;
using ContrastiveOrleans.Sweeps;
using ContrastiveOrleans.Telemetry;

namespace ContrastiveOrleans.Client;

/// <summary>
/// A sweep on an embedded silo: checks paths and memory, starts the silo, runs the sweep with live progress and
/// writes the output directory. Cancellation (a signal) stops dispatching, cancels running points and still writes
/// what finished.
/// </summary>
public sealed class EmbeddedRun(CliConsole console)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);
    private const int MaxFailuresListed = 50;

    /// <param name="outFlag">--out, or null for out/NAME.</param>
    /// <param name="storeFlag">--store, or null for $CONTRASTIVE_STORE, else the XDG cache.</param>
    public async Task<int> ExecuteAsync(SweepPlan plan, string specPath, string? outFlag, string? storeFlag, int? workers, string? deviceFlag, bool force,
        TelemetryOptions telemetry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(telemetry);
        var device = deviceFlag ?? plan.Spec.Resources.Device;
        if (device == "cuda" && Devices.Resolve("auto") != "cuda")
        {
            throw new UsageException($"{(deviceFlag is null ? "resources.device" : "--device")}: cuda is not available on this machine; use cpu or auto");
        }
        // Every path is checked before the silo starts: a bad one is one line now, not a stack trace after the sweep.
        var store = OutputPaths.CheckWritableDirectory(ResultStoreLocation.Resolve(storeFlag),
            storeFlag is null && Environment.GetEnvironmentVariable(ResultStoreLocation.EnvironmentVariable) is { Length: > 0 } ? $"${ResultStoreLocation.EnvironmentVariable}" : "--store");
        var outDir = OutputGuard.For(specPath, store).CheckReplaceable(outFlag ?? Path.Combine("out", plan.Spec.Name), "--out");
        var threads = plan.Spec.Resources.Threads;
        var slots = new WorkerPoolOptions { Slots = workers ?? 0, ThreadsPerPoint = threads }.EffectiveSlots;
        if (!force) CheckMemory(plan.Spec, slots);

        var started = DateTimeOffset.UtcNow;
        await using var silo = await EmbeddedSilo.StartAsync(o =>
        {
            o.StoreDirectory = store;
            o.Workers = slots;
            o.ThreadsPerPoint = threads;
        }, telemetry, CancellationToken.None).ConfigureAwait(false);
        await console.Out.WriteLineAsync(
            $"{plan.Spec.Name}: {SearchText.Points(plan)} of {plan.Spec.Experiment.Name} on {slots} workers x {threads} threads ({device}){(plan.Spec.Resources.Pack > 1 ? $", packing up to {plan.Spec.Resources.Pack} points per program" : "")}; store {store}").ConfigureAwait(false);
        if (telemetry.Describe() is { } destinations) await console.Out.WriteLineAsync(destinations).ConfigureAwait(false);
        // The trace's root: the sweep span and every point span below it join this client-side span.
        using var trace = ContrastiveTelemetry.Source.StartActivity("contrastive run")?.SetTag(SweepTelemetry.SweepNameTag, plan.Spec.Name);
        var runId = plan.NewRunId();
        var sweep = silo.GrainFactory.GetGrain<ISweepGrain>(runId);
        // The memory check above is this machine's, the one the embedded silo runs on.
        var progress = await sweep.Start(plan.ToDefinition(runId, device, skipMemoryCheck: true), CancellationToken.None).ConfigureAwait(false);
        var live = RunReport.Live(outDir, plan, started, sweep, console.Error);
        progress = await Follow(sweep, progress, live, plan.Spec.Search.IsAdaptive ? null : CostKind.Totals(plan), cancellationToken).ConfigureAwait(false);

        // After Ctrl-C too: what finished is written out, streamed from the store.
        var (summary, _) = await OutputDirectory.WriteAsync(outDir, plan, SweepResults.Stream(sweep, cancellationToken: CancellationToken.None),
            RunReport.Final(plan, () => DateTimeOffset.UtcNow - started, console.Error), console.Error, CancellationToken.None).ConfigureAwait(false);
        await Summarize(plan, progress, summary, outDir, DateTimeOffset.UtcNow - started).ConfigureAwait(false);
        return progress.State == SweepState.Cancelled ? ExitCodes.Cancelled
            : progress.Failed > 0 ? ExitCodes.PointsFailed
            : ExitCodes.Success;
    }

    /// <summary>The largest point must fit this machine's memory shared by the workers, unless --force says otherwise.</summary>
    public static void CheckMemory(SweepSpec spec, int workers)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.LargestPoint is { } largest && largest.Refusal(MemoryBudget.ForThisMachine(workers, "lower --workers, or pass --force to run anyway")) is { } refusal)
        {
            throw new SweepSpecException(new SpecError(largest.Where, refusal));
        }
    }

    private async Task<SweepProgress> Follow(ISweepGrain sweep, SweepProgress progress, LiveReport live, IReadOnlyDictionary<string, long>? kindTotals,
        CancellationToken cancellationToken)
    {
        var reporter = new ProgressReporter(console, TimeProvider.System, kindTotals);
        reporter.Report(progress, force: true);
        var cancelSent = false;
        while (!progress.IsFinal)
        {
            if (cancellationToken.IsCancellationRequested && !cancelSent)
            {
                cancelSent = true;
                if (console.IsTerminal) await console.Out.WriteLineAsync().ConfigureAwait(false);
                await console.Error.WriteLineAsync("cancelling: stopping running points; finished results are kept").ConfigureAwait(false);
                progress = await sweep.Cancel(CancellationToken.None).ConfigureAwait(false);
            }
            try
            {
                await Task.Delay(PollInterval, cancelSent ? CancellationToken.None : cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Handled on the next iteration: the sweep is asked to cancel and is followed until it settles.
            }
            progress = await sweep.GetProgress(CancellationToken.None).ConfigureAwait(false);
            reporter.Report(progress);
            await live.TickAsync(progress, CancellationToken.None).ConfigureAwait(false);
        }
        return progress;
    }

    private async Task Summarize(SweepPlan plan, SweepProgress p, ResultSummary summary, string outDir, TimeSpan elapsed)
    {
        foreach (var f in summary.Failures.Take(MaxFailuresListed))
        {
            await console.Error.WriteLineAsync($"failed {f.Id} seed {f.Seed} {f.ParamsJson}: {f.Error}").ConfigureAwait(false);
        }
        if (summary.Failed > MaxFailuresListed)
        {
            await console.Error.WriteLineAsync($"... and {summary.Failed - MaxFailuresListed} more failed points (see points.jsonl)").ConfigureAwait(false);
        }
        if (p.State == SweepState.Cancelled)
        {
            await console.Error.WriteLineAsync($"cancelled: {p.Skipped} points not run; run the same command again to resume").ConfigureAwait(false);
        }
        await console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{plan.Spec.Name}: {p.Done} done ({p.Cached} reused from the store), {p.Failed} failed, {(p.Stopped > 0 ? $"{p.Stopped} stopped early, " : "")}{p.Skipped} not run, of {p.Total} in {elapsed.TotalSeconds:0.0} s; wrote {outDir}")).ConfigureAwait(false);
        foreach (var line in SearchText.Status(p)) await console.Out.WriteLineAsync(line).ConfigureAwait(false);
    }
}
