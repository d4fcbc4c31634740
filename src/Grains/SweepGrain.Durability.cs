using System.Text.Json;
using ContrastiveOrleans.Grains.Contracts;
using ContrastiveOrleans.Grains.Durability;
using ContrastiveOrleans.Grains.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Storage;
using Orleans.Timers;

namespace ContrastiveOrleans.Grains;

/// <summary>The root's recovery side: state writes, the resume reminder, the archive of a finished sweep.</summary>
public sealed partial class SweepGrain
{
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
            LogReminderFailed(logger, RunId, e.GetType().Name, e.Message);
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
            LogReminderFailed(logger, RunId, e.GetType().Name, e.Message);
        }
    }

    /// <summary>Stores the resolved sweep and its curves beside the point results, where a store supports it.</summary>
    private async Task ArchiveAsync()
    {
        if (ServiceProvider.GetService<ISweepArchive>() is not { } archive || Definition is not { } definition) return;
        try
        {
            await archive.PutSweepFile(definition.SweepId, SweepArchiveFiles.SweepYaml, definition.ResolvedSpec, CancellationToken.None).ConfigureAwait(true);
            var curves = await GetCurves().ConfigureAwait(true);
            await archive.PutSweepFile(definition.SweepId, SweepArchiveFiles.CurvesJson, JsonSerializer.Serialize(curves), CancellationToken.None).ConfigureAwait(true);
        }
#pragma warning disable CA1031 // The archive is a convenience copy; every result is in the result store already.
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogArchiveFailed(logger, definition.SweepId, e.GetType().Name, e.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sweep {SweepId} started: {Points} points in {Shards} shards of {ShardSize} indices")]
    private static partial void LogStarted(ILogger logger, string sweepId, long points, int shards, long shardSize);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sweep {SweepId} resumed: {Finished} of {Points} points recorded, {Running} shards running")]
    private static partial void LogResumed(ILogger logger, string sweepId, long finished, long points, int running);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sweep {SweepId} {State}: {Done} done ({Cached} cached), {Failed} failed, {Skipped} skipped")]
    private static partial void LogFinished(ILogger logger, string sweepId, SweepState state, long done, long failed, long cached, long skipped);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sweep {SweepId}: shard {Shard} did not answer ({Error}); asking again on the next keep-alive")]
    private static partial void LogShardUnreachable(ILogger logger, string sweepId, int shard, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sweep {SweepId}: resume reminder not updated ({Error}: {Reason})")]
    private static partial void LogReminderFailed(ILogger logger, string sweepId, string error, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sweep {SweepId}: could not archive sweep.yaml and curves ({Error}: {Reason})")]
    private static partial void LogArchiveFailed(ILogger logger, string sweepId, string error, string reason);
}
