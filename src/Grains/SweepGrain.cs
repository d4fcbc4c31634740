using System.Collections.Immutable;
using System.Diagnostics;
using ContrastiveOrleans.Experiments.Abstractions;
using ContrastiveOrleans.Grains.Contracts;
using ContrastiveOrleans.Grains.Durability;
using ContrastiveOrleans.Grains.Resilience;
using ContrastiveOrleans.Grains.Stats;
using ContrastiveOrleans.Grains.Storage;
using ContrastiveOrleans.Grains.Telemetry;
using ContrastiveOrleans.Grains.Workers;
using ContrastiveOrleans.Sweeps;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;
using Polly;

namespace ContrastiveOrleans.Grains;

/// <summary>
/// The root of a sweep. It never sees a point: it splits the sweep's index range into shards of
/// <see cref="SweepRootState.ShardSize"/> indices, keeps as many running as fill the cluster's worker slots (more as
/// silos join), sums what finished shards report and what running ones say when asked, and keeps them alive: a timer
/// calls every running shard, which reactivates one whose silo died. Its own state is constant in size; when its silo
/// dies, the next call or the resume reminder reactivates it on a survivor and it carries on from that state.
/// Reentrant: shards call it (GetDefinition, ShardFinished) while it awaits them; every method leaves the state
/// consistent at each await.
/// </summary>
[Reentrant]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "The search's token source is never disposed: without a timer it holds nothing, and a call still in flight after a deactivation reads its token.")]
public sealed partial class SweepGrain(
    [PersistentState("sweep-root", SweepStorage.ProviderName)] IPersistentState<SweepRootState> record,
    [PersistentState("sweep-definition", SweepStorage.ProviderName)] IPersistentState<SweepDefinitionState> definitionRecord,
    ExperimentCatalog catalog,
    WorkerPool pool,
    IResultStore store,
    ILogger<SweepGrain> logger) : Grain, ISweepGrain, IRemindable
{
    private static readonly TimeSpan KeepAlivePeriod = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan ProgressMaxAge = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan ReminderPeriod = TimeSpan.FromMinutes(1);

    /// <summary>Points in flight a shard is started for: the limit over this gives how many shards run at once (a shard
    /// turn handles tens of thousands of completions a second, so fewer, fuller shards cost nothing).</summary>
    private const int PerShardLimit = 64;

    /// <summary>Points in flight per worker slot: more than slots keep every slot busy across store and message latency, and
    /// let the result store put many results in one append (points beyond the slots only wait in the worker pool).</summary>
    private const int InFlightPerSlot = 16;

    /// <summary>Shards are at least this many indices (and at most this many shards): small state, few messages.</summary>
    private const long MinShardSize = 4096;
    private const int MaxShards = 1000;

    private readonly Dictionary<int, ShardProgress> _running = [];
    private readonly Dictionary<int, ShardFold> _finishedFolds = [];
    private (SweepDefinition Definition, Task<SweepProgress> Task)? _starting;
    // What finished shards reported by kind (in memory: after a reactivation the ETA weighs only what finishes anew).
    private readonly Dictionary<string, KindProgress> _finishedKinds = new(StringComparer.Ordinal);
    private readonly ResiliencePipeline _coordination = GrainResilience.Pipeline(GrainResilience.CoordinationOptions(logger));
    private SerializedStateWriter _writer = null!;
    private IGrainTimer? _keepAlive;
    private long _progressAt;
    private Task? _refreshing;
    private int _limit;
    private int _slots;
    private Activity? _activity;
    private bool _telemetryOpen;

    private SweepRootState State => record.State;

    private SweepDefinition? Definition => definitionRecord.State.Definition;

    private string RunId => this.GetPrimaryKeyString();

    private string Experiment => Definition is null ? "" : Plan(Definition).Spec.Experiment.Name;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _writer = new SerializedStateWriter(WriteRecord, logger);
        switch (State.State)
        {
            case SweepState.Running:
                BeginRunning();
                // A search resumes by replaying its log (LoadSearch), then its keep-alive goes on.
                _ = IsSearch ? LoadSearch() : Resumed();
                break;
            case SweepState.Cancelling:
                // The cancellation was cut short with the previous activation: finish it.
                _ = IsSearch ? LoadSearch().ContinueWith(_ => CancelSearch(), TaskScheduler.Current).Unwrap() : CancelShards();
                break;
        }
        return Task.CompletedTask;
    }

    /// <summary>Carries on from the stored state: the running shards are called (and so resumed) and counted.</summary>
    private async Task Resumed()
    {
        await KeepAlive().ConfigureAwait(true);
        var progress = Snapshot();
        LogResumed(logger, RunId, progress.Finished, progress.Total, State.Active.Count);
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // A silo shutting down deactivates its grains: the state goes down first, so a survivor resumes from it.
        await _writer.FlushIfDirtyAsync().ConfigureAwait(true);
        _keepAlive?.Dispose();
        _keepAlive = null;
    }

    public async Task<SweepProgress> Start(SweepDefinition definition, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(definition);
        cancellationToken.ThrowIfCancellationRequested();
        // The grain is reentrant and a start awaits its writes before the state says Running: a retry arriving in
        // between waits for the same start instead of starting the sweep a second time over it.
        if (_starting is { } starting)
        {
            if (starting.Definition == definition) return await starting.Task.ConfigureAwait(true);
            throw new InvalidOperationException($"sweep {RunId} is already starting");
        }
        if (State.State is SweepState.Running or SweepState.Cancelling)
        {
            // A client retrying a submission whose reply it lost must not fail.
            if (Definition == definition) return Snapshot();
            throw new InvalidOperationException($"sweep {RunId} is already running");
        }
        var plan = Plan(definition);
        if (!definition.SkipMemoryCheck && plan.Spec.LargestPoint is { } largest
            && largest.Refusal(MemoryBudget.ForThisMachine(pool.Slots, "lower the silos' Workers, or pass --force")) is { } refusal)
        {
            throw new ArgumentException($"{largest.Where}: {refusal}");
        }
        var task = Record(definition, plan);
        _starting = (definition, task);
        try
        {
            return await task.ConfigureAwait(true);
        }
        finally
        {
            if (_starting is { } mine && mine.Task == task) _starting = null;
        }
    }

    /// <summary>Records a submitted sweep (its definition, then its state with the first shards) and starts it.</summary>
    private async Task<SweepProgress> Record(SweepDefinition definition, SweepPlan plan)
    {
        // A finished search's log may still be replaying (a status call after a reactivation): it reads the previous
        // definition and fills the search's fields across its awaits, so it ends before this start replaces them.
        if (_searchLoading is { IsCompleted: false } loading)
        {
            await loading.ConfigureAwait(ConfigureAwaitOptions.ContinueOnCapturedContext | ConfigureAwaitOptions.SuppressThrowing);
        }
        definitionRecord.State.Definition = definition;
        // Once per submission: the progress writes that follow leave it alone.
        await new SerializedStateWriter(() => definitionRecord.WriteStateAsync(), logger).FlushAsync().ConfigureAwait(true);
        if (plan.Spec.Search.IsAdaptive) return await RecordSearch().ConfigureAwait(true);
        State.Count = plan.Count;
        State.IndexCount = plan.IndexCount;
        State.ShardSize = Math.Max(MinShardSize, (plan.IndexCount + MaxShards - 1) / MaxShards);
        State.ShardCount = (int)((plan.IndexCount + State.ShardSize - 1) / State.ShardSize);
        State.NextShard = 0;
        State.Active.Clear();
        State.Done = State.Failed = State.Cached = State.Skipped = 0;
        State.TraceParent = null;
        State.FirstSpan = null;
        State.State = SweepState.Running;
        State.StartedAt = DateTimeOffset.UtcNow;
        State.FinishedAt = null;
        _running.Clear();
        _finishedFolds.Clear();
        // The first shards go down in the same write that records the sweep (the keep-alive below calls them), so a
        // start costs one state write and one reminder write, side by side, before the first point is dispatched.
        _limit = await ConcurrencyLimit().ConfigureAwait(true);
        _ = ClaimShards();
        // Stored before the first dispatch: a sweep acknowledged to the client survives the death of this silo.
        await Task.WhenAll(_writer.FlushAsync(), RegisterResumeReminder()).ConfigureAwait(true);
        LogStarted(logger, RunId, plan.Count, State.ShardCount, State.ShardSize);
        BeginRunning();
        // Past the submission check the sweep is acknowledged: its shards no longer follow the caller's token.
        await KeepAlive().ConfigureAwait(true);
        return Snapshot();
    }

    public async Task<SweepProgress> GetProgress(CancellationToken cancellationToken = default)
    {
        if (IsSearch)
        {
            // Also for a finished search: the strategy's state and best come from its log.
            await LoadSearch().ConfigureAwait(true);
            return Snapshot();
        }
        if (State.State == SweepState.Running && Stopwatch.GetElapsedTime(_progressAt) > ProgressMaxAge)
        {
            // One refresh at a time however many clients poll.
            _refreshing ??= RefreshRunning();
            await _refreshing.ConfigureAwait(true);
        }
        return Snapshot();
    }

    public async Task<SweepProgress> Cancel(CancellationToken cancellationToken = default)
    {
        if (State.State == SweepState.Running)
        {
            State.State = SweepState.Cancelling;
            _writer.MarkDirty();
            await (IsSearch ? CancelSearch() : CancelShards()).ConfigureAwait(true);
        }
        return Snapshot();
    }

    public async Task<ResultPage> GetResults(long from, int maxCount, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(from);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        if (Definition is null) return new ResultPage([], -1);
        if (IsSearch) return await SearchResults(from, maxCount, cancellationToken).ConfigureAwait(true);
        // Shards that never started hold nothing: the page ends the walk there.
        var shard = (int)(from / State.ShardSize);
        if (shard >= State.NextShard) return new ResultPage([], -1);
        var page = await Shard(shard).GetResults(from, maxCount, cancellationToken).ConfigureAwait(true);
        if (page.Next >= 0) return page;
        var next = (long)(shard + 1) * State.ShardSize;
        return page with { Next = shard + 1 < State.NextShard ? next : -1 };
    }

    public async Task<ImmutableArray<CurveRow>> GetCurves(CancellationToken cancellationToken = default)
    {
        if (Definition is not { } definition) return [];
        var aggregator = new CurveAggregator(Plan(definition).Spec.Curves);
        if (aggregator.Curves.Count == 0) return [];
        await foreach (var fold in ShardFolds(cancellationToken)) aggregator.Add(fold.Curves);
        return [.. aggregator.Rows()];
    }

    public async Task<ImmutableArray<ClaimFoldState>> GetClaims(CancellationToken cancellationToken = default)
    {
        if (Definition is not { } definition || ClaimFold.For(Plan(definition).Spec) is not { } claims) return [];
        await foreach (var fold in ShardFolds(cancellationToken)) claims.Add(fold.Claims);
        return [.. claims.State()];
    }

    /// <summary>Every started shard's folds; a finished shard's no longer change, so they are asked once per activation.</summary>
    private async IAsyncEnumerable<ShardFold> ShardFolds([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        for (var shard = 0; shard < State.NextShard; shard++)
        {
            if (_finishedFolds.TryGetValue(shard, out var kept))
            {
                yield return kept;
                continue;
            }
            var fold = await Shard(shard).GetFold(cancellationToken).ConfigureAwait(true);
            if (!State.Active.Contains(shard)) _finishedFolds[shard] = fold;
            yield return fold;
        }
    }

    public async Task<ImmutableArray<PointResult>> GetFailures(int maxCount, CancellationToken cancellationToken = default)
    {
        if (IsSearch)
        {
            // Rebuilt by the log's replay: a fresh activation has none until it ends.
            await LoadSearch().ConfigureAwait(true);
            return [.. _searchFailures.Take(maxCount)];
        }
        var failures = ImmutableArray.CreateBuilder<PointResult>();
        foreach (var shard in State.Active.ToList())
        {
            if (failures.Count >= maxCount) break;
            failures.AddRange(await Shard(shard).GetFailures(maxCount - failures.Count, cancellationToken).ConfigureAwait(true));
        }
        return failures.ToImmutable();
    }

    public Task<SweepDefinition?> GetDefinition(CancellationToken cancellationToken = default) => Task.FromResult(Definition);

    public async Task ShardFinished(ShardProgress progress, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(progress);
        if (!State.Active.Remove(progress.Shard)) return;
        foreach (var k in progress.Kinds.IsDefault ? [] : progress.Kinds) Add(_finishedKinds, k);
        State.Done += progress.Done;
        State.Failed += progress.Failed;
        State.Cached += progress.Cached;
        _running.Remove(progress.Shard);
        await _writer.FlushAsync().ConfigureAwait(true);
        if (State.State != SweepState.Running) return;
        // None left to start: the shards still running share the finished one's part of the limit from now on,
        // not from the next keep-alive (the end of a sweep would otherwise run on fewer points in flight).
        if (State.NextShard >= State.ShardCount) await CallRunning().ConfigureAwait(true);
        await StartShards().ConfigureAwait(true);
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        // Being activated is the point of the reminder (OnActivateAsync resumed the sweep); a finished sweep drops it.
        if (State.State is SweepState.Completed or SweepState.Cancelled or SweepState.NotStarted) await UnregisterResumeReminder().ConfigureAwait(true);
    }

    /// <summary>The sweep as this silo expands it; a file that does not parse here is refused (ArgumentException).</summary>
    private SweepPlan Plan(SweepDefinition definition)
    {
        if (_plan is { } cached && ReferenceEquals(_planOf, definition)) return cached;
        try
        {
            _plan = SweepPlan.Of(new SweepSpecParser(catalog).Parse(definition.ResolvedSpec));
            _planOf = definition;
            return _plan;
        }
        catch (SweepSpecException e)
        {
            throw new ArgumentException($"the sweep file does not parse on this silo ({e.Error}); use a client of the cluster's version");
        }
    }

    private SweepPlan? _plan;
    private SweepDefinition? _planOf;

    private void BeginRunning()
    {
        var definition = Definition!;
        if (!_telemetryOpen)
        {
            var plan = Plan(definition);
            if (State.FirstSpan is null)
            {
                State.TraceParent = Activity.Current?.Id;
                _activity = SweepTelemetry.Start(definition, plan.Spec.Experiment.Name, plan.Count);
                State.FirstSpan = _activity?.Id;
                _writer.MarkDirty();
            }
            else
            {
                // Resumed (its first activation died with a silo): the new span joins the submitter's trace.
                _activity = SweepTelemetry.Start(definition, plan.Spec.Experiment.Name, plan.Count, State.TraceParent, State.FirstSpan);
            }
            _telemetryOpen = true;
        }
        // Only a call keeps a grain alive by default; a sweep outlives idle clients.
        DelayDeactivation(TimeSpan.FromDays(7));
        _keepAlive ??= this.RegisterGrainTimer(_ => KeepAlive(), new GrainTimerCreationOptions(KeepAlivePeriod, KeepAlivePeriod) { Interleave = true });
    }

    private void Finish(SweepState final)
    {
        State.State = final;
        State.FinishedAt = DateTimeOffset.UtcNow;
        _keepAlive?.Dispose();
        _keepAlive = null;
        DelayDeactivation(TimeSpan.FromHours(1));
        _ = FinishDurably();
        var progress = Snapshot();
        LogFinished(logger, RunId, final, progress.Done, progress.Failed, progress.Cached, progress.Skipped);
        if (_telemetryOpen) SweepTelemetry.Finish(_activity, Experiment, progress);
        _telemetryOpen = false;
        _activity = null;
    }

    private async Task FinishDurably()
    {
        await _writer.FlushAsync().ConfigureAwait(true);
        await ArchiveAsync().ConfigureAwait(true);
        await UnregisterResumeReminder().ConfigureAwait(true);
    }

    private SweepProgress Snapshot()
    {
        if (IsSearch) return SearchSnapshot();
        long done = State.Done, failed = State.Failed, cached = State.Cached, running = 0;
        foreach (var p in _running.Values)
        {
            done += p.Done;
            failed += p.Failed;
            cached += p.Cached;
            running += p.Running;
        }
        var pending = State.State is SweepState.Running or SweepState.Cancelling ? Math.Max(0, State.Count - done - failed - running) : 0;
        var kinds = new Dictionary<string, KindProgress>(_finishedKinds, StringComparer.Ordinal);
        foreach (var k in _running.Values.SelectMany(p => p.Kinds.IsDefault ? [] : p.Kinds)) Add(kinds, k);
        return new(State.State, State.Count, pending, running, done, failed, cached, State.Skipped, State.StartedAt, State.FinishedAt,
            _slots, [.. kinds.Values]);
    }

    private static void Add(Dictionary<string, KindProgress> kinds, KindProgress k) =>
        kinds[k.Kind] = kinds.TryGetValue(k.Kind, out var sum)
            ? sum with { Finished = sum.Finished + k.Finished, Computed = sum.Computed + k.Computed, ComputeMs = sum.ComputeMs + k.ComputeMs }
            : k;
}
