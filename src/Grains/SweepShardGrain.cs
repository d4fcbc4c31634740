using System.Collections.Immutable;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using ContrastiveOrleans.Experiments.Abstractions;
using ContrastiveOrleans.Grains.Contracts;
using ContrastiveOrleans.Grains.Durability;
using ContrastiveOrleans.Grains.Resilience;
using ContrastiveOrleans.Grains.Stats;
using ContrastiveOrleans.Grains.Storage;
using ContrastiveOrleans.Grains.Telemetry;
using ContrastiveOrleans.Sweeps;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;
using Polly;

namespace ContrastiveOrleans.Grains;

/// <summary>
/// Dispatches one index range of a sweep: points are computed from their indices as the range is walked (never held
/// as a list), up to the assigned limit in flight; each completion is recorded in the compact <see cref="ShardState"/>
/// (flushed every second), folded into the shard's exact curve fold and followed by the next dispatch. Calls to point
/// grains are fired without holding this grain's turn. Results are stored by the point grains; this grain only
/// remembers which indices have one, so a reactivation dispatches exactly the rest, and reads results back from the
/// store for the output. Reentrant, like the root: every method leaves the state consistent at each await.
/// </summary>
[Reentrant]
// Spread over the silos: each shard's dispatch work (expansion, bookkeeping) lands where it was placed.
[Placement.ShardSpreadPlacement]
[SuppressMessage("Design", "CA1001", Justification = "The token source is never disposed: without a timer it holds nothing, and a call still in flight after a deactivation reads its token.")]
public sealed partial class SweepShardGrain(
    [PersistentState("sweep-shard", SweepStorage.ProviderName)] IPersistentState<ShardState> record,
    ExperimentCatalog catalog,
    IResultStore store,
    ILogger<SweepShardGrain> logger) : Grain, ISweepShardGrain
{
    // A lost activation re-runs what finished since its last write; those points are found in the store, not recomputed.
    private static readonly TimeSpan FlushPeriod = TimeSpan.FromSeconds(5);
    private const int MaxFailuresKept = 100;

    /// <summary>Points a results page examines at most, so one call stays short in a sparse range.</summary>
    private const int MaxExaminedPerPage = 8192;

    private readonly SortedSet<long> _inFlight = [];
    private readonly HashSet<long> _beyond = [];
    private readonly HashSet<long> _redo = [];
    private readonly Queue<PlannedPoint> _redoQueue = new();
    private bool _completing;
    private bool _announced;
    private readonly List<PointResult> _failures = [];
    // Cost by kind of what this activation recorded (the ETA's weights; rebuilt as points finish after a reactivation).
    private readonly Dictionary<string, (long Finished, long Computed, long ComputeMs)> _kinds = new(StringComparer.Ordinal);
    private readonly ResiliencePipeline _pointCalls = GrainResilience.Pipeline(GrainResilience.PointCallOptions(logger));
    private readonly ResiliencePipeline _coordination = GrainResilience.Pipeline(GrainResilience.CoordinationOptions(logger));
    private readonly CancellationTokenSource _cancel = new();
    private SerializedStateWriter _writer = null!;
    private IGrainTimer? _flushTimer;
    private SweepDefinition? _definition;
    private SweepPlan? _plan;
    private IEnumerator<PlannedPoint>? _cursor;
    private long _next;
    private bool _exhausted;
    private bool _cancelled;
    private Task? _loading;
    private CurveAggregator? _fold;
    private ClaimFold? _claimFold;
    private bool _foldStale;
    private Task? _rebuilding;
    private TaskCompletionSource? _drained;
    private Activity? _activity;

    private ShardState State => record.State;

    private string RunId => this.GetPrimaryKeyString()[..this.GetPrimaryKeyString().LastIndexOf('/')];

    private int ShardIndex => SweepGrain.TryShardIndex(this.GetPrimaryKeyString(), out var shard) ? shard
        : throw new InvalidOperationException($"{this.GetPrimaryKeyString()} is not a shard key (run id/shard)");

    private ISweepGrain Root => GrainFactory.GetGrain<ISweepGrain>(RunId);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _writer = new SerializedStateWriter(Write, logger);
        for (var i = 0; i < State.Beyond.Length * 8; i++)
        {
            if ((State.Beyond[i >> 3] & (1 << (i & 7))) != 0) _beyond.Add(State.Frontier + i);
        }
        // Results recorded by an earlier activation are in the store, not in this fold: it is rebuilt when asked for.
        _foldStale = State.Frontier > State.From || _beyond.Count > 0;
        // Resumed where the last activation left off (its silo died or shut down); the root's keep-alive also gets here.
        if (State.Started && !State.Finished) _ = Resume();
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        await _writer.FlushIfDirtyAsync().ConfigureAwait(true);
        _flushTimer?.Dispose();
        _flushTimer = null;
        _activity?.Dispose();
    }

    public async Task<ShardProgress> Run(ShardAssignment assignment, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(assignment);
        if (!State.Started)
        {
            State.From = State.Frontier = assignment.From;
            State.To = assignment.To;
            State.Limit = assignment.Limit;
            State.Started = true;
            // The definition is fetched while the assignment is written: both before the first point.
            var loading = Load();
            await _writer.FlushAsync().ConfigureAwait(true);
            try
            {
                await loading.ConfigureAwait(true);
            }
#pragma warning disable CA1031 // Resume below reports it and the root's keep-alive tries again.
            catch (Exception)
#pragma warning restore CA1031
            {
            }
        }
        else if (State.Limit != assignment.Limit)
        {
            State.Limit = assignment.Limit;
            _writer.MarkDirty();
        }
        if (!State.Finished) _ = Resume();
        return Progress();
    }

    public Task<ShardProgress> GetProgress(CancellationToken cancellationToken = default) => Task.FromResult(Progress());

    public async Task<ShardProgress> Cancel(CancellationToken cancellationToken = default)
    {
        _cancelled = true;
        if (_inFlight.Count > 0)
        {
            _drained ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            await _cancel.CancelAsync().ConfigureAwait(true);
            // The silo waits for every cancelled call to be acknowledged: once drained, nothing of this shard runs.
            await _drained.Task.ConfigureAwait(true);
        }
        if (State.Started && !State.Finished)
        {
            State.Finished = true;
            await _writer.FlushAsync().ConfigureAwait(true);
        }
        StopRunning();
        return Progress();
    }

    public async Task<ResultPage> GetResults(long from, int maxCount, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        if (!State.Started) return new ResultPage([], -1);
        await Load().ConfigureAwait(true);
        var ids = new List<string>();
        var parameters = new List<string>();
        var next = -1L;
        var examined = 0;
        foreach (var point in _plan!.Points(Math.Max(from, State.From), State.To))
        {
            if (ids.Count >= maxCount || examined++ >= MaxExaminedPerPage)
            {
                next = point.Index;
                break;
            }
            if (!IsRecorded(point.Index)) continue;
            ids.Add(point.Id);
            parameters.Add(point.ParamsJson);
        }
        var found = await store.TryGetMany(ids, cancellationToken).ConfigureAwait(true);
        var results = ImmutableArray.CreateBuilder<PointResult>(ids.Count);
        for (var i = 0; i < ids.Count; i++)
        {
            // Under the planned point's parameters: points that differ only in parameters their run ignores share an id.
            if (found[i] is { } result) results.Add(result with { Cached = result.RunId != RunId, ParamsJson = parameters[i] });
            else LogResultMissing(logger, ids[i]);
        }
        return new ResultPage(results.ToImmutable(), next);
    }

    public async Task<ShardFold> GetFold(CancellationToken cancellationToken = default)
    {
        if (!State.Started) return ShardFold.Empty;
        await Load().ConfigureAwait(true);
        if (_foldStale)
        {
            _rebuilding ??= RebuildFold();
            await _rebuilding.ConfigureAwait(true);
        }
        return new ShardFold([.. _fold!.State()], _claimFold is null ? [] : [.. _claimFold.State()]);
    }

    public Task<ImmutableArray<PointResult>> GetFailures(int maxCount, CancellationToken cancellationToken = default) =>
        Task.FromResult(_failures.Take(maxCount).ToImmutableArray());

    private ShardProgress Progress() => new(ShardIndex, State.Finished, State.Done, State.Failed, State.Cached, _inFlight.Count,
        [.. _kinds.Select(k => new KindProgress(k.Key, k.Value.Finished, k.Value.Computed, k.Value.ComputeMs))]);

    /// <summary>In-flight points are never below the frontier, so below it everything is recorded (unless the final
    /// check found its result missing from the store and it runs again).</summary>
    private bool IsRecorded(long index) => !_redo.Contains(index) && (index < State.Frontier || _beyond.Contains(index));

    /// <summary>The recorded set beyond the frontier goes down as a bitmap, encoded only when written (once a second).</summary>
    private Task Write()
    {
        var bits = new byte[_beyond.Count == 0 ? 0 : (int)(((_beyond.Max() - State.Frontier) >> 3) + 1)];
        foreach (var index in _beyond)
        {
            var i = index - State.Frontier;
            bits[i >> 3] |= (byte)(1 << (int)(i & 7));
        }
        State.Beyond = bits;
        return record.WriteStateAsync();
    }

    /// <summary>The sweep's definition (from the root) and this silo's expansion of it; loaded once per activation.</summary>
    private Task Load() => _loading is { IsFaulted: false } loading ? loading : _loading = LoadOnce();

    private async Task LoadOnce()
    {
        _definition = await _coordination.OnGrain(ct => Root.GetDefinition(ct), CancellationToken.None).ConfigureAwait(true)
            ?? throw new InvalidOperationException($"sweep {RunId} has no definition");
        _plan = SweepPlan.Of(new SweepSpecParser(catalog).Parse(_definition.ResolvedSpec));
        _fold ??= new CurveAggregator(_plan.Spec.Curves);
        _claimFold ??= ClaimFold.For(_plan.Spec);
    }

    private async Task Resume()
    {
        try
        {
            await Load().ConfigureAwait(true);
        }
#pragma warning disable CA1031 // The root is out of reach for now: its keep-alive calls Run again, which resumes.
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogLoadFailed(logger, RunId, ShardIndex, e.GetType().Name);
            return;
        }
        if (State.Finished || _cancelled) return;
        if (!_announced)
        {
            _announced = true;
            LogShardRunning(logger, RunId, ShardIndex, State.Frontier, State.To, RuntimeIdentity);
            _activity = SweepTelemetry.StartShard(RunId, ShardIndex);
        }
        if (_cursor is null)
        {
            _cursor = _plan!.Points(State.Frontier, State.To).GetEnumerator();
            _next = State.Frontier;
            // Only a call keeps a grain alive by default; a shard runs as long as its range.
            DelayDeactivation(TimeSpan.FromDays(7));
            _flushTimer ??= this.RegisterGrainTimer(_ => _writer.FlushIfDirtyAsync(), new GrainTimerCreationOptions(FlushPeriod, FlushPeriod) { Interleave = true });
        }
        Dispatch();
    }

    private void Dispatch()
    {
        while (!_cancelled && _inFlight.Count < Math.Max(1, State.Limit) && TryNext(out var point))
        {
            _inFlight.Add(point.Index);
            _ = RunPoint(point);
        }
        if (!_cancelled && !State.Finished && !_completing && _exhausted && _inFlight.Count == 0 && _redoQueue.Count == 0) _ = Complete();
    }

    /// <summary>The next point of the range without a recorded result.</summary>
    private bool TryNext([NotNullWhen(true)] out PlannedPoint? point)
    {
        if (_exhausted && _redoQueue.TryDequeue(out point)) return true;
        while (!_exhausted)
        {
            if (!_cursor!.MoveNext())
            {
                _exhausted = true;
                _next = State.To;
                break;
            }
            point = _cursor.Current;
            _next = point.Index + 1;
            if (!_beyond.Contains(point.Index)) return true;
        }
        point = null;
        return false;
    }

    private async Task RunPoint(PlannedPoint planned)
    {
        var point = new SweepPoint(planned.Id, planned.Experiment, planned.ParamsJson, planned.Seed);
        SweepTelemetry.Enter(_activity);
        var result = await CallPoint(point).ConfigureAwait(true);
        _inFlight.Remove(planned.Index);
        if (result.Status != PointStatus.Cancelled) Record(planned.Index, result);
        if (_inFlight.Count == 0) _drained?.TrySetResult();
        Dispatch();
    }

    /// <summary>Experiment errors come back as failed results; an exception means the call itself failed: retried.</summary>
    private Task<PointResult> CallPoint(SweepPoint point) =>
        PointCalls.Run(GrainFactory, _pointCalls, store, new PointRequest(point, _definition!.Device, RunId, _definition.Pack), () => _cancelled, _cancel.Token);

    private void Record(long index, PointResult result)
    {
        var reused = result.Cached && result.RunId != RunId;
        // Parsed once for the cost kind and both folds.
        var parameters = ParameterSet.FromJson(result.ParamsJson);
        var kind = CostKind.Of(_plan!.Spec.Experiment, parameters);
        if (!_kinds.ContainsKey(kind) && _kinds.Count >= CostKind.MaxKinds) kind = CostKind.Other;
        var (finished, computed, ms) = _kinds.GetValueOrDefault(kind);
        _kinds[kind] = result.Cached ? (finished + 1, computed, ms) : (finished + 1, computed + 1, ms + result.DurationMs);
        if (result.Status == PointStatus.Done)
        {
            State.Done++;
            if (reused) State.Cached++;
            AddToFolds(_fold, _claimFold, result, parameters);
        }
        else
        {
            State.Failed++;
            if (_failures.Count < MaxFailuresKept) _failures.Add(result);
        }
        _beyond.Add(index);
        _redo.Remove(index);
        // Everything below the lowest index still running is recorded: that is the frontier; the set keeps the rest.
        // Frozen once cancelled: a cancelled point left in-flight has no result and must stay above it.
        var frontier = _inFlight.Count > 0 ? Math.Min(_inFlight.Min, _next) : _next;
        if (!_cancelled && frontier > State.Frontier)
        {
            State.Frontier = frontier;
            _beyond.RemoveWhere(i => i < frontier);
        }
        _writer.MarkDirty();
    }

    /// <summary>
    /// The range is walked: every recorded result is read back from the store (the pages the output will read) and
    /// counted exactly. A result the store lost (an emulator killed before it saved, a store directory deleted) is run
    /// again before the shard reports, so nothing recorded is missing from the output.
    /// </summary>
    private async Task Complete()
    {
        _completing = true;
        try
        {
            if (!await Verify().ConfigureAwait(true))
            {
                Dispatch();
                return;
            }
        }
#pragma warning disable CA1031 // Storage out of reach for the check: the root's next keep-alive resumes and checks again.
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogVerifyFailed(logger, RunId, ShardIndex, e.GetType().Name);
            return;
        }
        finally
        {
            _completing = false;
        }
        State.Finished = true;
        await _writer.FlushAsync().ConfigureAwait(true);
        StopRunning();
        LogShardDone(logger, RunId, ShardIndex, State.Done, State.Failed);
        // Heard eventually: retried here, and the root's keep-alive learns it from this shard's answers too.
        await _coordination.OnGrain(ct => Root.ShardFinished(Progress(), ct), CancellationToken.None).ConfigureAwait(true);
    }

    /// <summary>True when every recorded result is in the store (counters recounted); otherwise queues the missing.</summary>
    private async Task<bool> Verify()
    {
        long done = 0, failed = 0, cached = 0;
        var missing = new List<PlannedPoint>();
        var recorded = _plan!.Points(State.From, State.To).Where(point => IsRecorded(point.Index));
        await foreach (var (point, stored) in StoredResults.Read(store, recorded, p => p.Id, CancellationToken.None).ConfigureAwait(true))
        {
            if (stored is not { } result) missing.Add(point);
            else if (result.Status == PointStatus.Done)
            {
                done++;
                if (result.RunId != RunId) cached++;
            }
            else failed++;
        }
        if (missing.Count == 0)
        {
            (State.Done, State.Failed, State.Cached) = (done, failed, cached);
            return true;
        }
        LogRecordedMissing(logger, RunId, ShardIndex, missing.Count);
        foreach (var point in missing)
        {
            _redo.Add(point.Index);
            _redoQueue.Enqueue(point);
        }
        return false;
    }

    private void StopRunning()
    {
        _flushTimer?.Dispose();
        _flushTimer = null;
        _activity?.Dispose();
        _activity = null;
        DelayDeactivation(TimeSpan.FromMinutes(10));
    }

    /// <summary>Folds a done result into the curves and the claims (its parameters parsed here unless given).</summary>
    private static void AddToFolds(CurveAggregator? curves, ClaimFold? claims, PointResult result, ParameterSet? parsed)
    {
        if (result.Status != PointStatus.Done || (curves is not { Curves.Count: > 0 } && claims is null)) return;
        var parameters = parsed ?? ParameterSet.FromJson(result.ParamsJson);
        curves?.Add(result, parameters);
        claims?.Add(result, parameters);
    }

    /// <summary>The fold of every recorded result, read back from the store (after a reactivation lost the in-memory one).</summary>
    private async Task RebuildFold()
    {
        var fresh = new CurveAggregator(_plan!.Spec.Curves);
        var freshClaims = ClaimFold.For(_plan.Spec);
        var page = new List<PlannedPoint>();
        async Task Fold()
        {
            var found = await store.TryGetMany([.. page.Select(p => p.Id)], CancellationToken.None).ConfigureAwait(true);
            for (var i = 0; i < page.Count; i++) if (found[i] is { } result) AddToFolds(fresh, freshClaims, result with { ParamsJson = page[i].ParamsJson }, null);
            page.Clear();
        }
        foreach (var point in _plan.Points(State.From, State.To))
        {
            if (IsRecorded(point.Index)) page.Add(point);
            if (page.Count >= 2048) await Fold().ConfigureAwait(true);
        }
        await Fold().ConfigureAwait(true);
        // Results recorded while this ran were read from the store too (their point grains stored them first).
        _fold = fresh;
        _claimFold = freshClaims;
        _foldStale = false;
        _rebuilding = null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sweep {SweepId}: shard {Shard} found {Missing} recorded results missing from the result store; running them again")]
    private static partial void LogRecordedMissing(ILogger logger, string sweepId, int shard, int missing);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sweep {SweepId}: shard {Shard} could not check its results in the store ({Error}); it checks again when the root calls")]
    private static partial void LogVerifyFailed(ILogger logger, string sweepId, int shard, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sweep {SweepId}: shard {Shard} could not load the sweep ({Error}); it resumes when the root calls again")]
    private static partial void LogLoadFailed(ILogger logger, string sweepId, int shard, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sweep {SweepId}: shard {Shard} running indices [{From}, {To}) on silo {Silo}")]
    private static partial void LogShardRunning(ILogger logger, string sweepId, int shard, long from, long to, string silo);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Sweep {SweepId}: shard {Shard} done ({Done} done, {Failed} failed)")]
    private static partial void LogShardDone(ILogger logger, string sweepId, int shard, long done, long failed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Point {PointId} is recorded but not in the result store; left out of the output")]
    private static partial void LogResultMissing(ILogger logger, string pointId);
}
