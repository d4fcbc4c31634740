using System.Diagnostics;
using ContrastiveOrleans.Grains.Contracts;
using ContrastiveOrleans.Grains.Resilience;
using ContrastiveOrleans.Grains.Telemetry;

namespace ContrastiveOrleans.Grains;

/// <summary>The root's side of its shards: how many run, keeping them alive, summing them, cancelling them.</summary>
public sealed partial class SweepGrain
{
    public static string ShardKey(string runId, int shard) => $"{runId}/{shard}";

    /// <summary>The shard index of a <see cref="ShardKey"/>; false for a key of another form.</summary>
    public static bool TryShardIndex(string key, out int shard)
    {
        ArgumentNullException.ThrowIfNull(key);
        var slash = key.LastIndexOf('/');
        shard = 0;
        return slash >= 0 && int.TryParse(key.AsSpan(slash + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out shard);
    }

    private ISweepShardGrain Shard(int shard) => GrainFactory.GetGrain<ISweepShardGrain>(ShardKey(RunId, shard));

    private ShardAssignment Assignment(int shard) => new(
        RunId,
        shard,
        shard * State.ShardSize,
        Math.Min(State.IndexCount, (shard + 1) * State.ShardSize),
        ShareOfLimit(shard));

    /// <summary>
    /// The concurrency limit split exactly among the running shards (so together they hold it, never more): while
    /// shards wait, each of the running ones holds about <see cref="PerShardLimit"/>; once few are left (a small sweep,
    /// or its end) each holds more, so the cluster's slots stay queued up and a storage stall does not starve them.
    /// </summary>
    private int ShareOfLimit(int shard)
    {
        var running = Math.Max(1, State.Active.Count);
        var rank = Math.Max(0, State.Active.IndexOf(shard));
        return Math.Max(1, (_limit / running) + (rank < _limit % running ? 1 : 0));
    }

    /// <summary>
    /// Every <see cref="KeepAlivePeriod"/> while running: re-reads the cluster's slots, calls every running shard (a call
    /// reactivates one lost with its silo, which resumes from its state) and starts more shards when there is room.
    /// </summary>
    private async Task KeepAlive()
    {
        if (State.State != SweepState.Running) return;
        if (IsSearch)
        {
            await SearchKeepAlive().ConfigureAwait(true);
            return;
        }
        _limit = await ConcurrencyLimit().ConfigureAwait(true);
        await CallRunning().ConfigureAwait(true);
        await StartShards().ConfigureAwait(true);
    }

    /// <summary>Calls every running shard with its assignment: reactivates one that was lost, passes on its share of the limit.</summary>
    private async Task CallRunning()
    {
        SweepTelemetry.Enter(_activity);
        await Task.WhenAll(State.Active.ToList().Select(async shard =>
        {
            try
            {
                Observe(await _coordination.OnGrain(ct => Shard(shard).Run(Assignment(shard), ct), CancellationToken.None).ConfigureAwait(true));
            }
#pragma warning disable CA1031 // A shard out of reach now is called again on the next tick; the sweep goes on meanwhile.
            catch (Exception e)
#pragma warning restore CA1031
            {
                LogShardUnreachable(logger, RunId, shard, e.GetType().Name);
            }
        })).ConfigureAwait(true);
    }

    /// <summary>Starts shards until the running ones can hold the concurrency limit; completes a sweep with none left.</summary>
    private async Task StartShards()
    {
        if (State.State != SweepState.Running) return;
        var started = ClaimShards();
        if (started.Count > 0)
        {
            // Recorded before the calls: a shard is never started without the root knowing it.
            await _writer.FlushAsync().ConfigureAwait(true);
            SweepTelemetry.Enter(_activity);
            await Task.WhenAll(started.Select(async shard =>
            {
                try
                {
                    Observe(await _coordination.OnGrain(ct => Shard(shard).Run(Assignment(shard), ct), CancellationToken.None).ConfigureAwait(true));
                }
#pragma warning disable CA1031 // The keep-alive starts it on its next tick.
                catch (Exception e)
#pragma warning restore CA1031
                {
                    LogShardUnreachable(logger, RunId, shard, e.GetType().Name);
                }
            })).ConfigureAwait(true);
        }
        if (State.State == SweepState.Running && State.Active.Count == 0 && State.NextShard >= State.ShardCount) Finish(SweepState.Completed);
    }

    /// <summary>Marks shards active until the running ones can hold the concurrency limit; returns those marked.</summary>
    private List<int> ClaimShards()
    {
        var target = Math.Max(1, (_limit + PerShardLimit - 1) / PerShardLimit);
        var claimed = new List<int>();
        while (State.Active.Count < target && State.NextShard < State.ShardCount)
        {
            claimed.Add(State.NextShard);
            State.Active.Add(State.NextShard++);
        }
        return claimed;
    }

    /// <summary>A shard's answer: its progress counts, or, once it ran to the end, its totals into the sums.</summary>
    private void Observe(ShardProgress progress)
    {
        if (!State.Active.Contains(progress.Shard)) return;
        if (!progress.Finished)
        {
            _running[progress.Shard] = progress;
            return;
        }
        // Its own ShardFinished may be on the way: both take it out of Active once, whichever comes first.
        State.Active.Remove(progress.Shard);
        foreach (var k in progress.Kinds.IsDefault ? [] : progress.Kinds) Add(_finishedKinds, k);
        _running.Remove(progress.Shard);
        State.Done += progress.Done;
        State.Failed += progress.Failed;
        State.Cached += progress.Cached;
        _writer.MarkDirty();
    }

    private async Task RefreshRunning()
    {
        try
        {
            var progress = await Task.WhenAll(State.Active.ToList().Select(async shard =>
            {
                try
                {
                    return await Shard(shard).GetProgress().ConfigureAwait(true);
                }
#pragma warning disable CA1031 // Progress is a view: a shard out of reach keeps its last counts until the keep-alive finds it.
                catch (Exception)
#pragma warning restore CA1031
                {
                    return null;
                }
            })).ConfigureAwait(true);
            foreach (var p in progress.OfType<ShardProgress>()) Observe(p);
            _progressAt = Stopwatch.GetTimestamp();
            await StartShards().ConfigureAwait(true);
        }
        finally
        {
            _refreshing = null;
        }
    }

    /// <summary>Cancels every running shard (each answers once its points stopped), then settles as Cancelled.</summary>
    private async Task CancelShards()
    {
        await _writer.FlushIfDirtyAsync().ConfigureAwait(true);
        await Task.WhenAll(State.Active.ToList().Select(async shard =>
        {
            var progress = await _coordination.OnGrain(ct => Shard(shard).Cancel(ct), CancellationToken.None).ConfigureAwait(true);
            Observe(progress with { Finished = true });
        })).ConfigureAwait(true);
        State.Skipped = Math.Max(0, State.Count - State.Done - State.Failed);
        SweepTelemetry.Skipped(Experiment, State.Skipped);
        Finish(SweepState.Cancelled);
    }

    /// <summary>
    /// Unless the sweep sets it, <see cref="InFlightPerSlot"/> points per worker slot of the cluster (this silo's slots
    /// times the active silos: silos are configured alike), read again every keep-alive so it follows silos that join
    /// and leave.
    /// </summary>
    /// <remarks>The slots reported with the progress (its ETA divides by them) are the cluster's, capped by the sweep's
    /// max_concurrency when it sets one.</remarks>
    private async Task<int> ConcurrencyLimit()
    {
        int? clusterSlots;
        try
        {
            var silos = (await GrainFactory.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true).ConfigureAwait(true)).Count;
            clusterSlots = pool.Slots * Math.Max(1, silos);
        }
#pragma warning disable CA1031 // Membership unreadable for now: this silo's own slots are a safe lower bound.
        catch (Exception)
#pragma warning restore CA1031
        {
            clusterSlots = null;
        }
        if (Definition is { MaxConcurrency: > 0 } definition)
        {
            _slots = Math.Min(definition.MaxConcurrency, clusterSlots ?? Math.Max(_slots, pool.Slots));
            return definition.MaxConcurrency;
        }
        // Packing fuses points queued at a silo: each slot needs a pack's worth queued behind the one it runs.
        var perSlot = Math.Max(InFlightPerSlot, 2 * (Definition?.Pack ?? 0));
        if (clusterSlots is { } slots)
        {
            _slots = slots;
            return _slots * perSlot;
        }
        return Math.Max(_limit, pool.Slots * perSlot);
    }
}
