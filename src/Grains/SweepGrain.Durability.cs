using System.Text.Json;
using ContrastiveOrleans.Grains.Contracts;
using ContrastiveOrleans.Grains.Durability;
using ContrastiveOrleans.Grains.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Storage;
using Orleans.Timers;

namespace ContrastiveOrleans.Grains;

/// <summary>The sweep grain's recovery side: reminder, aggregator rebuild, archive of the finished sweep.</summary>
public sealed partial class SweepGrain
{
    /// <summary>The aggregator may have died with its silo, or still hold a partial fold: refold from the record.</summary>
    private async Task RebuildAggregator(SweepDefinition definition)
    {
        try
        {
            await Aggregator.Configure(definition.Curves).ConfigureAwait(true);
            foreach (var chunk in State.Results.Where(r => r.Status == PointStatus.Done).Chunk(1024))
            {
                await Aggregator.Add([.. chunk]).ConfigureAwait(true);
            }
        }
#pragma warning disable CA1031 // Curves are a summary: a sweep resumes even if they cannot be rebuilt now.
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogAggregatorFailed(logger, "(rebuild)", e);
        }
    }

    /// <summary>
    /// A write whose reply was lost in an outage may have landed: the retry then fails its ETag check for ever. This
    /// activation is the only writer (one activation per grain), so it takes the stored ETag and writes its state again.
    /// </summary>
    private async Task WriteRecord()
    {
        try
        {
            await record.WriteStateAsync().ConfigureAwait(true);
        }
        catch (InconsistentStateException)
        {
            var mine = record.State;
            await record.ReadStateAsync().ConfigureAwait(true);
            record.State = mine;
            throw;
        }
    }

    /// <summary>Type, and for Azure errors status and code: enough to diagnose, with no URIs or headers.</summary>
    private static string Describe(Exception e) =>
        e is Azure.RequestFailedException azure ? $"{e.GetType().Name} {azure.Status} {azure.ErrorCode}" : e.GetType().Name;

    /// <summary>
    /// Points in flight per worker slot. The pools bound the compute; a few more in flight than slots keep every slot
    /// busy while the others are in store reads and writes and grain messages (short points are latency-bound otherwise).
    /// </summary>
    private const int InFlightPerSlot = 4;

    /// <summary>
    /// Unless the sweep sets it, <see cref="InFlightPerSlot"/> points per worker slot of the cluster (this silo's slots
    /// times the active silos: silos are configured alike). Point grains are placed by activation count, so they spread
    /// evenly.
    /// </summary>
    private async Task<int> ConcurrencyLimit(SweepDefinition definition)
    {
        if (definition.MaxConcurrency > 0) return definition.MaxConcurrency;
        try
        {
            var silos = (await GrainFactory.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true).ConfigureAwait(true)).Count;
            return pool.Slots * Math.Max(1, silos) * InFlightPerSlot;
        }
#pragma warning disable CA1031 // Membership unreadable for now: this silo's own slots are a safe lower bound.
        catch (Exception)
#pragma warning restore CA1031
        {
            return pool.Slots * InFlightPerSlot;
        }
    }

    /// <summary>Hosts without a reminder service (the embedded silo) have nothing to resume on: no reminder.</summary>
    private IReminderRegistry? Reminders => ServiceProvider.GetService<IReminderRegistry>();

    private async Task RegisterResumeReminder()
    {
        if (Reminders is null) return;
        try
        {
            await this.RegisterOrUpdateReminder(SweepStorage.ReminderName, ReminderPeriod, ReminderPeriod).ConfigureAwait(true);
        }
#pragma warning disable CA1031 // Without the reminder the sweep still runs; only an unwatched resume after a silo death waits for a poll.
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogReminderFailed(logger, this.GetPrimaryKeyString(), e.GetType().Name, e.Message);
        }
    }

    private async Task UnregisterResumeReminder()
    {
        if (Reminders is null) return;
        try
        {
            if (await this.GetReminder(SweepStorage.ReminderName).ConfigureAwait(true) is { } reminder)
            {
                await this.UnregisterReminder(reminder).ConfigureAwait(true);
            }
        }
#pragma warning disable CA1031 // A leftover reminder only reactivates a finished sweep, which then retries this.
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogReminderFailed(logger, this.GetPrimaryKeyString(), e.GetType().Name, e.Message);
        }
    }

    /// <summary>Stores the resolved sweep and its curves beside the point results, where a store supports it.</summary>
    private async Task ArchiveAsync()
    {
        if (ServiceProvider.GetService<ISweepArchive>() is not { } archive || State.Definition is not { } definition) return;
        try
        {
            if (definition.ResolvedSpec is { } spec) await archive.PutSweepFile(definition.SweepId, SweepArchiveFiles.SweepYaml, spec, CancellationToken.None).ConfigureAwait(true);
            var curves = await Aggregator.GetCurves().ConfigureAwait(true);
            await archive.PutSweepFile(definition.SweepId, SweepArchiveFiles.CurvesJson, JsonSerializer.Serialize(curves), CancellationToken.None).ConfigureAwait(true);
        }
#pragma warning disable CA1031 // The archive is a convenience copy; the sweep's own state already holds every result.
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogArchiveFailed(logger, definition.SweepId, e.GetType().Name, e.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sweep {SweepId} started: {Points} points, {Limit} at a time")]
    private static partial void LogStarted(ILogger logger, string sweepId, int points, int limit);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sweep {SweepId} resumed: {Finished} of {Points} points already finished")]
    private static partial void LogResumed(ILogger logger, string sweepId, int finished, int points);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sweep {SweepId} {State}: {Done} done ({Cached} cached), {Failed} failed, {Skipped} skipped")]
    private static partial void LogFinished(ILogger logger, string sweepId, SweepState state, int done, int failed, int cached, int skipped);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not aggregate point {PointId}")]
    private static partial void LogAggregatorFailed(ILogger logger, string pointId, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Point {PointId}: call failed ({Error}), attempt {Attempt}; retrying in {Seconds} s")]
    private static partial void LogPointRetry(ILogger logger, string pointId, int attempt, double seconds, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sweep {SweepId}: resume reminder not updated ({Error}: {Reason})")]
    private static partial void LogReminderFailed(ILogger logger, string sweepId, string error, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sweep {SweepId}: could not archive sweep.yaml and curves ({Error}: {Reason})")]
    private static partial void LogArchiveFailed(ILogger logger, string sweepId, string error, string reason);
}
