using System.Diagnostics;
using System.Runtime.InteropServices;
using ContrastiveOrleans.Experiments.Abstractions;
using ContrastiveOrleans.Grains.Contracts;
using ContrastiveOrleans.Grains.Storage;
using ContrastiveOrleans.Grains.Telemetry;
using ContrastiveOrleans.Grains.Workers;
using Microsoft.Extensions.Logging;

namespace ContrastiveOrleans.Grains;

/// <summary>
/// Runs one point on the worker pool, or returns the stored done result for its id (a cache across sweeps). Failed
/// results are stored for inspection but never reused, so a re-run retries them.
/// </summary>
// Activations live exactly as long as a run, so the count per silo is its load: new points go to the least loaded.
[Orleans.Placement.ActivationCountBasedPlacement]
public sealed partial class PointGrain(
    IResultStore store,
    WorkerPool pool,
    ExperimentCatalog catalog,
    ILogger<PointGrain> logger) : Grain, IPointGrain
{
    public async Task<PointResult> Run(PointRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var point = request.Point;
        using var activity = PointTelemetry.Start(point, RuntimeIdentity);
        try
        {
            if (await StoreTelemetry.TryGet(store, point.Id, cancellationToken) is { Status: PointStatus.Done } stored)
            {
                // Under this point's own parameters: a stored baseline is shared by points differing only in what it ignores.
                return PointTelemetry.Finish(activity, stored with { Cached = true, ParamsJson = point.ParamsJson });
            }
            var result = await Compute(request, cancellationToken) with { RunId = request.RunId };
            // Stored even if cancellation came meanwhile: a computed result is never thrown away.
            if (result.Status != PointStatus.Cancelled) await StoreTelemetry.Put(store, result, CancellationToken.None);
            return PointTelemetry.Finish(activity, result);
        }
        finally
        {
            // Nothing is kept between calls (the store is the memory), so free the activation.
            DeactivateOnIdle();
        }
    }

    private async Task<PointResult> Compute(PointRequest request, CancellationToken cancellationToken)
    {
        var point = request.Point;
        if (!catalog.TryGet(point.Experiment, out var experiment))
        {
            return PointResult.Failure(point, $"experiment '{point.Experiment}' is not one of {string.Join(", ", catalog.Names)} on this silo");
        }
        ParameterSet parameters;
        try
        {
            parameters = ParameterSet.FromJson(point.ParamsJson);
        }
#pragma warning disable CA1031 // Unreadable parameters fail this point with the reason, as any error of its run would.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return PointResult.Failure(point, $"params: {e.GetType().Name}: {e.Message}");
        }
        // A native libtorch error is retried once: TorchSharp's implicitly converted Scalars can be finalized while
        // libtorch reads them (see Experiments.Training.HeldScalarAdam), a transient failure of an otherwise
        // deterministic point. A second native error is the point's outcome.
        return await Attempt(request, experiment, parameters, retryNative: true, cancellationToken)
            ?? await Attempt(request, experiment, parameters, retryNative: false, cancellationToken)
            ?? throw new UnreachableException("a run without a native retry always has an outcome");
    }

    /// <summary>One run of the point; null when it hit a native error that <paramref name="retryNative"/> allows to retry.</summary>
    private async Task<PointResult?> Attempt(PointRequest request, IExperiment experiment, ParameterSet parameters, bool retryNative, CancellationToken cancellationToken)
    {
        var point = request.Point;
        var run = new PointRun(point, parameters, request.Device, pool.ThreadsPerPoint, Activity.Current?.Context ?? default, experiment.UsesTorch, request.Stop);
        PointProvenance Provenance() => new(BuildInfo.Version, BuildInfo.Commit, experiment.Version,
            experiment.UsesTorch ? TorchVersions.TorchSharp : null, run.LibTorch, run.ResolvedDevice, pool.ThreadsPerPoint, Environment.MachineName,
            run.Started, DateTimeOffset.UtcNow, run.Packed);
        try
        {
            var metrics = request.Pack > 1 && request.RunId is not null && experiment is IPackableExperiment packable && packable.PackKey(parameters) is { } key
                // Within one run only: its points share a cancellation, so a program stops when its sweep does.
                ? await pool.RunPackableAsync($"{request.RunId}/{point.Experiment}/{key}", Math.Min(request.Pack, packable.PackLimit(parameters)), run,
                    (r, token) => r.RunAlone(experiment, token), (runs, token) => PointRun.RunTogether(packable, runs, token),
                    experiment.UsesTorch, cancellationToken)
                : await pool.RunAsync(token => run.RunAlone(experiment, token), experiment.UsesTorch, cancellationToken);
            var bad = metrics.FirstOrDefault(kv => !double.IsFinite(kv.Value));
            if (bad.Key is not null) return PointResult.Failure(point, $"metric {bad.Key} is {bad.Value}", run.ElapsedMs) with { Provenance = Provenance() };
            LogPointDone(logger, point.Id, run.ElapsedMs);
            return new PointResult(point.Id, point.Experiment, point.ParamsJson, point.Seed, PointStatus.Done,
                new Dictionary<string, double>(metrics, StringComparer.Ordinal), null, run.ElapsedMs,
                Provenance: Provenance(), Curve: run.Curve?.Curve());
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return PointResult.Cancellation(point);
        }
        catch (Search.TrainingStoppedException e)
        {
            // Stored for the sweep's output with the metric where it stopped; never reused (only done results are).
            LogPointStopped(logger, point.Id, e.Message);
            var metrics = new Dictionary<string, double>(StringComparer.Ordinal)
            {
                [e.Metric] = e.Value,
                ["stopped_step"] = e.Step,
                ["stopped_fraction"] = e.TotalSteps > 0 ? (double)e.Step / e.TotalSteps : 1,
            };
            return new PointResult(point.Id, point.Experiment, point.ParamsJson, point.Seed, PointStatus.Stopped, metrics, e.Message, run.ElapsedMs,
                Provenance: Provenance(), Curve: run.Curve?.Curve());
        }
        catch (WorkInterruptedException)
        {
            // Not this point's outcome: its silo is stopping. The caller dispatches it again.
            throw;
        }
        catch (ExperimentFailedException e)
        {
            LogPointFailed(logger, point.Id, e.Message);
            return PointResult.Failure(point, e.Message, run.ElapsedMs) with { Provenance = Provenance() };
        }
        catch (ExternalException e) when (retryNative)
        {
            LogPointRetried(logger, point.Id, e.Message);
            return null;
        }
#pragma warning disable CA1031 // Any exception from experiment code is a failed point, reported with its reason; the sweep goes on.
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogPointCrashed(logger, point.Id, e);
            return PointResult.Failure(point, $"{e.GetType().Name}: {e.Message}", run.ElapsedMs) with { Provenance = Provenance() };
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Point {PointId} done in {ElapsedMs} ms")]
    private static partial void LogPointDone(ILogger logger, string pointId, long elapsedMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Point {PointId} {Reason}")]
    private static partial void LogPointStopped(ILogger logger, string pointId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Point {PointId} hit a native error, running it once more: {Reason}")]
    private static partial void LogPointRetried(ILogger logger, string pointId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Point {PointId} threw")]
    private static partial void LogPointCrashed(ILogger logger, string pointId, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Point {PointId} failed: {Reason}")]
    private static partial void LogPointFailed(ILogger logger, string pointId, string reason);
}
