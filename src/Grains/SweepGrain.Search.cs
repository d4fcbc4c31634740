using System.Collections.Immutable;
using ContrastiveOrleans.Grains.Contracts;
using ContrastiveOrleans.Grains.Durability;
using ContrastiveOrleans.Grains.Resilience;
using ContrastiveOrleans.Grains.Search;
using ContrastiveOrleans.Grains.Storage;
using ContrastiveOrleans.Sweeps.Search;
using Microsoft.Extensions.Logging;
using Polly;

namespace ContrastiveOrleans.Grains;

/// <summary>
/// The root's side of an adaptive search (asha, median, tpe): no shards. The root asks the strategy for units while the
/// cluster has free slots (one point per slot: a queue would only let decisions go stale), runs each unit's points on
/// point grains like any point (cached by id), and tells the strategy each unit's outcome. The order of starts and
/// outcomes is the log (<see cref="SearchLogState"/>), written before every start; a reactivation replays it into a
/// fresh strategy, so a resumed or failed-over search makes the same decisions, and dispatches again what was running.
/// </summary>
public sealed partial class SweepGrain
{
    private const int MaxSearchFailuresKept = 100;

    private readonly Dictionary<int, Task> _unitTasks = [];
    private readonly List<PointResult> _searchFailures = [];
    private readonly ResiliencePipeline _searchPointCalls = GrainResilience.Pipeline(GrainResilience.PointCallOptions(logger));
    private SearchPlan? _search;
    private SweepDefinition? _searchOf;
    private SearchStrategy? _strategy;
    private SerializedStateWriter? _logWriter;
    private CancellationTokenSource _searchCancel = new();
    private Task? _searchLoading;
    private long _searchDone, _searchFailed, _searchCached, _searchStopped;
    private double _resourceSpent;
    private bool _searchFinishing;

    /// <summary>Each issued unit's points (resolved parameters and ids: the costly part of a unit), computed once per
    /// activation; a unit's sequence names the same unit for as long as the strategy lives.</summary>
    private readonly Dictionary<int, (IReadOnlyList<Sweeps.PlannedPoint> Points, string? Error)> _unitPoints = [];

    private (IReadOnlyList<Sweeps.PlannedPoint> Points, string? Error) UnitPoints(SearchUnit unit)
    {
        if (!_unitPoints.TryGetValue(unit.Sequence, out var points)) _unitPoints[unit.Sequence] = points = SearchOf(Definition!).Points(unit);
        return points;
    }

    /// <summary>A start's check in the log: its first point's id hashed (the id addresses the resolved parameters and
    /// seed), or its error's text for a unit that cannot run; never 0, which marks a log without checks.</summary>
    private long Fingerprint(SearchUnit unit)
    {
        var (points, error) = UnitPoints(unit);
        var check = (long)Sweeps.PointIds.Seed(points.Count > 0 ? points[0].Id : "error\n" + error);
        return check == 0 ? 1 : check;
    }

    private bool IsSearch => Definition is { } definition && Plan(definition).Spec.Search.IsAdaptive;

    private SearchPlan SearchOf(SweepDefinition definition)
    {
        if (_search is { } cached && ReferenceEquals(_searchOf, definition)) return cached;
        _search = new SearchPlan(Plan(definition).Spec);
        _searchOf = definition;
        return _search;
    }

    private SerializedStateWriter LogWriter => _logWriter ??= new SerializedStateWriter(WriteLog, logger);

    /// <summary>The search's log in order (in memory for the activation; persisted in segments, <see cref="ISearchLogGrain"/>).</summary>
    private readonly List<SearchEvent> _log = [];

    /// <summary>Segments below this one are full and written: a write rewrites only the segments from here to the tail.</summary>
    private int _firstOpenSegment;

    private ISearchLogGrain LogSegment(int segment) => GrainFactory.GetGrain<ISearchLogGrain>($"{RunId}/log/{segment}");

    private async Task WriteLog()
    {
        var count = _log.Count;
        var last = Math.Max(0, (count - 1) / ISearchLogGrain.Size);
        for (var segment = _firstOpenSegment; segment <= last; segment++)
        {
            var from = segment * ISearchLogGrain.Size;
            var events = _log.GetRange(from, Math.Min(ISearchLogGrain.Size, count - from)).ToImmutableArray();
            await _coordination.OnGrain(ct => LogSegment(segment).Write(events, ct), CancellationToken.None).ConfigureAwait(true);
            if (events.Length == ISearchLogGrain.Size) _firstOpenSegment = segment + 1;
        }
    }

    /// <summary>The log as written: its segments in turn, until one that is not full.</summary>
    private async Task ReadLog()
    {
        _log.Clear();
        for (var segment = 0; ; segment++)
        {
            var events = await _coordination.OnGrain(ct => LogSegment(segment).Read(ct), CancellationToken.None).ConfigureAwait(true);
            _log.AddRange(events);
            if (events.Length < ISearchLogGrain.Size) break;
        }
        _firstOpenSegment = _log.Count / ISearchLogGrain.Size;
    }

    private int SeedCount => SearchOf(Definition!).Spec.Seeds.Count;

    /// <summary>Points a search runs at once: the sweep's max_concurrency, else the cluster's worker slots.</summary>
    private int SearchCapacity => Definition is { MaxConcurrency: > 0 } d ? d.MaxConcurrency : Math.Max(1, _slots > 0 ? _slots : pool.Slots);

    /// <summary>Records a submitted search (its state with the expected points, no shards) and starts its first units.</summary>
    private async Task<SweepProgress> RecordSearch()
    {
        var plan = SearchOf(Definition!);
        State.Count = ExpectedSearchPoints(plan);
        State.IndexCount = State.Count;
        State.ShardSize = 1;
        State.ShardCount = 0;
        State.NextShard = 0;
        State.Active.Clear();
        State.Done = State.Failed = State.Cached = State.Skipped = State.Stopped = 0;
        State.ResourceSpent = 0;
        State.TraceParent = null;
        State.FirstSpan = null;
        State.State = SweepState.Running;
        State.StartedAt = DateTimeOffset.UtcNow;
        State.FinishedAt = null;
        _limit = await ConcurrencyLimit().ConfigureAwait(true);
        await Task.WhenAll(_writer.FlushAsync(), RegisterResumeReminder()).ConfigureAwait(true);
        var algorithm = SearchSpec.Name(plan.Search.Algorithm);
        LogSearchStarted(logger, RunId, algorithm, plan.Configurations, State.Count);
        BeginRunning();
        await StartSearch().ConfigureAwait(true);
        return Snapshot();
    }

    /// <summary>Starts a recorded search: an empty log, then the first units.</summary>
    private async Task StartSearch()
    {
        _log.Clear();
        _firstOpenSegment = 0;
        _strategy = SearchOf(Definition!).NewStrategy();
        _unitPoints.Clear();
        _searchLoading = Task.CompletedTask;
        (_searchDone, _searchFailed, _searchCached, _searchStopped, _resourceSpent) = (0, 0, 0, 0, 0);
        _searchFailures.Clear();
        _searchCancel = new CancellationTokenSource();
        await FillSlots().ConfigureAwait(true);
    }

    /// <summary>The search as its log left it (replayed once per activation); while running, its units go on. During a
    /// start the definition is already the new one but the log still the old search's: the replay waits for the start,
    /// which leaves a fresh log and strategy behind.</summary>
    /// <remarks>Only a start still running is waited for: one that completed but whose caller has not yet cleared
    /// <c>_starting</c> left its log behind already, and waiting on it again would recurse.</remarks>
    private Task LoadSearch() =>
        _starting is { Task: { IsCompleted: false } starting } ? LoadSearchAfter(starting)
        : _searchLoading is { IsFaulted: false } loading ? loading
        : _searchLoading = LoadSearchOnce();

    private async Task LoadSearchAfter(Task start)
    {
        // Its outcome is the caller's: here only its end matters (on the grain's scheduler, as every await here).
        await start.ConfigureAwait(ConfigureAwaitOptions.ContinueOnCapturedContext | ConfigureAwaitOptions.SuppressThrowing);
        await LoadSearch().ConfigureAwait(true);
    }

    private async Task LoadSearchOnce()
    {
        var plan = SearchOf(Definition!);
        await ReadLog().ConfigureAwait(true);
        var events = _log;
        // Pass 1, from the log alone: which units were issued (a strategy's choices depend only on the scores logged).
        var units = Replay(plan.NewStrategy(), events, null, Fingerprint);
        // Pass 2: every point of a unit with an outcome, from the store: the counters, the failures, median's curves
        // (the units are pass 1's: a unit's points are a function of the unit).
        (_searchDone, _searchFailed, _searchCached, _searchStopped, _resourceSpent) = (0, 0, 0, 0, 0);
        _searchFailures.Clear();
        var curves = new Dictionary<int, List<EvaluationCurve>>();
        var missing = new List<(SearchUnit Unit, Sweeps.PlannedPoint Point)>();
        _unitPoints.Clear();
        // The told units listed first: the log must not be read lazily across the pages' awaits.
        var told = events.Where(e => !e.IsStart).Select(e => units.Units[e.Unit]).ToList()
            .SelectMany(unit => UnitPoints(unit).Points.Select(point => (Unit: unit, Point: point)));
        await foreach (var ((unit, point), stored) in StoredResults.Read(store, told, p => p.Point.Id, CancellationToken.None).ConfigureAwait(true))
        {
            if (stored is not { } result)
            {
                LogSearchResultMissing(logger, RunId, point.Id);
                missing.Add((unit, point));
                continue;
            }
            Count(unit, result with { ParamsJson = point.ParamsJson });
            if (units.UsesCurves && Curve(plan, result, Scale(plan, unit, point.ParamsJson)) is { } curve)
            {
                if (!curves.TryGetValue(unit.Sequence, out var list)) curves[unit.Sequence] = list = [];
                list.Add(curve);
            }
        }
        // Pass 3, for a strategy that reads curves (median): rebuilt with what it was told, curves included; the
        // others' decisions are pass 1's.
        _strategy = units.UsesCurves ? Replay(plan.NewStrategy(), events, curves) : units;
        if (State.State == SweepState.Running)
        {
            LogSearchResumed(logger, RunId, _strategy.Units.Count, _strategy.Running);
            foreach (var unit in _strategy.Units.Where(u => !_strategy.Told(u.Sequence))) _unitTasks[unit.Sequence] = RunUnit(unit);
            // A told unit's result the store lost (an emulator killed before it saved): run again for the output; the
            // strategy already has its outcome from the log. Keyed below zero so it never collides with a unit.
            for (var m = 0; m < missing.Count; m++) _unitTasks[-1 - m] = Repair(-1 - m, missing[m].Unit, missing[m].Point, count: true);
            _ = FillSlots();
        }
    }

    /// <summary>Feeds the log to <paramref name="strategy"/>: a start takes its next unit (checked against the one
    /// logged, given <paramref name="fingerprint"/>), an outcome is told.</summary>
    private static SearchStrategy Replay(SearchStrategy strategy, List<SearchEvent> events, Dictionary<int, List<EvaluationCurve>>? curves,
        Func<SearchUnit, long>? fingerprint = null)
    {
        foreach (var e in events)
        {
            if (e.IsStart)
            {
                var unit = strategy.Next() ?? throw new InvalidOperationException("the search log holds a start its strategy does not make; the file or the strategy changed");
                if (fingerprint is not null && e.Check != 0 && fingerprint(unit) != e.Check)
                {
                    throw new InvalidOperationException(
                        $"the search log's start of unit {unit.Sequence} is not the unit its strategy makes now (the file or the strategy changed since the log was written); run the file again under a new name");
                }
                continue;
            }
            var unitCurves = curves is not null && curves.TryGetValue(e.Unit, out var list) ? (IReadOnlyList<EvaluationCurve>)list : [];
            strategy.Tell(new SearchOutcome(e.Unit, double.IsNaN(e.Score) ? null : e.Score, e.Stopped, unitCurves));
        }
        return strategy;
    }

    /// <summary>Starts units while points fit in the slots (write-ahead: logged before they run); finishes a search with none left.</summary>
    private async Task FillSlots()
    {
        if (State.State != SweepState.Running || _strategy is not { } strategy) return;
        var started = new List<SearchUnit>();
        while (strategy.Running == 0 || (strategy.Running + 1) * SeedCount <= SearchCapacity)
        {
            if (strategy.Next() is not { } unit) break;
            _log.Add(SearchEvent.Started(Fingerprint(unit)));
            started.Add(unit);
        }
        if (started.Count > 0)
        {
            await LogWriter.FlushAsync().ConfigureAwait(true);
            foreach (var unit in started) _unitTasks[unit.Sequence] = RunUnit(unit);
        }
        // Finished once nothing is left to start and nothing runs: no unit, and no repair of a lost result.
        else if (strategy.Finished && _unitTasks.Count == 0 && !_searchFinishing)
        {
            _searchFinishing = true;
            try
            {
                // As a shard does before it reports: every result read back; one the store lost runs again first.
                if (!await VerifySearch().ConfigureAwait(true)) return;
            }
#pragma warning disable CA1031 // Storage out of reach for the check: the next keep-alive checks again.
            catch (Exception e)
#pragma warning restore CA1031
            {
                LogSearchVerifyFailed(logger, RunId, e.GetType().Name);
                return;
            }
            finally
            {
                _searchFinishing = false;
            }
            _searchFinishing = true;
            await LogWriter.FlushIfDirtyAsync().ConfigureAwait(true);
            CopySearchCounts();
            State.Count = _searchDone + _searchFailed + _searchStopped;
            Finish(SweepState.Completed);
        }
    }

    /// <summary>True when every point of every told unit is in the store; otherwise starts repairs of the missing ones
    /// (already counted: only the output needs them) and returns false; the last repair calls FillSlots again.</summary>
    private async Task<bool> VerifySearch()
    {
        var strategy = _strategy!;
        var missing = new List<(SearchUnit Unit, Sweeps.PlannedPoint Point)>();
        var recorded = strategy.Units.SelectMany(unit => UnitPoints(unit).Points.Select(point => (Unit: unit, Point: point)));
        await foreach (var (item, result) in StoredResults.Read(store, recorded, p => p.Point.Id, CancellationToken.None).ConfigureAwait(true))
        {
            if (result is null) missing.Add(item);
        }
        if (missing.Count == 0) return true;
        LogSearchRecordedMissing(logger, RunId, missing.Count);
        for (var m = 0; m < missing.Count; m++) _unitTasks[-1 - m] = Repair(-1 - m, missing[m].Unit, missing[m].Point, count: false);
        return false;
    }

    /// <summary>Runs a unit's points (one per seed), then tells the strategy its outcome and fills the freed slots.</summary>
    private async Task RunUnit(SearchUnit unit)
    {
        await Task.Yield();
        var plan = SearchOf(Definition!);
        var (points, error) = UnitPoints(unit);
        var scale = points.Count > 0 ? Scale(plan, unit, points[0].ParamsJson) : SearchProgress.Thousandths;
        var rule = _strategy!.StopRuleFor(unit) is { } r ? new PointStopRule(r.Metric, r.Maximize, r.Steps, r.Medians, scale) : null;
        var results = await Task.WhenAll(points.Select(p => CallSearchPoint(p, rule))).ConfigureAwait(true);
        _unitTasks.Remove(unit.Sequence);
        if (State.State != SweepState.Running || results.Any(x => x.Status == PointStatus.Cancelled)) return;
        if (error is not null)
        {
            LogSearchUnitInvalid(logger, RunId, unit.Sequence, error);
            _searchFailed++;
        }
        var curves = new List<EvaluationCurve>();
        for (var i = 0; i < results.Length; i++)
        {
            Count(unit, results[i]);
            if (Curve(plan, results[i], scale) is { } curve) curves.Add(curve);
        }
        var metric = plan.Search.Metric!;
        var score = error is null && results.Length > 0 && results.All(x => x.Status == PointStatus.Done && x.Metrics.ContainsKey(metric))
            ? results.Average(x => x.Metrics[metric])
            : (double?)null;
        var stopped = results.Any(x => x.Status == PointStatus.Stopped);
        _log.Add(new SearchEvent(unit.Sequence, score ?? double.NaN, stopped));
        LogWriter.MarkDirty();
        _strategy.Tell(new SearchOutcome(unit.Sequence, score, stopped, curves));
        await FillSlots().ConfigureAwait(true);
    }

    /// <param name="count">False when the lost result was counted as it arrived (only the output needs it again).</param>
    private async Task Repair(int key, SearchUnit unit, Sweeps.PlannedPoint point, bool count)
    {
        await Task.Yield();
        var result = await CallSearchPoint(point, null).ConfigureAwait(true);
        _unitTasks.Remove(key);
        if (count && result.Status != PointStatus.Cancelled) Count(unit, result);
        await FillSlots().ConfigureAwait(true);
    }

    private async Task<PointResult> CallSearchPoint(Sweeps.PlannedPoint planned, PointStopRule? rule)
    {
        var point = new SweepPoint(planned.Id, planned.Experiment, planned.ParamsJson, planned.Seed);
        var result = await PointCalls.Run(GrainFactory, _searchPointCalls, store, new PointRequest(point, Definition!.Device, RunId, 0, rule),
            () => _searchCancel.IsCancellationRequested, _searchCancel.Token).ConfigureAwait(true);
        // Under the planned point's parameters: points that differ only in parameters their run ignores share an id.
        return result with { ParamsJson = planned.ParamsJson };
    }

    /// <summary>Counts a point of a unit: status, reuse, and the resource it spent (a stopped one up to its stop).</summary>
    private void Count(SearchUnit unit, PointResult result)
    {
        var budget = SearchOf(Definition!).Budget(unit, result.ParamsJson) ?? 0;
        switch (result.Status)
        {
            case PointStatus.Done:
                _searchDone++;
                if (result.RunId != RunId) _searchCached++;
                _resourceSpent += budget;
                break;
            case PointStatus.Stopped:
                _searchStopped++;
                _resourceSpent += budget * result.Metrics.GetValueOrDefault("stopped_fraction", 1);
                break;
            default:
                _searchFailed++;
                if (_searchFailures.Count < MaxSearchFailuresKept) _searchFailures.Add(result);
                break;
        }
    }

    /// <summary>The search metric as the run evaluated it during training, against its progress (<see cref="SearchProgress"/>), or null.</summary>
    private static EvaluationCurve? Curve(SearchPlan plan, PointResult result, long scale) =>
        result.Status == PointStatus.Done && result.Curve is { EvalSteps: { } steps, Eval: { } eval } curve && eval.TryGetValue(plan.Search.Metric!, out var values)
            ? new EvaluationCurve([.. steps.Select(s => SearchProgress.Key(s, curve.TotalSteps, scale))], values)
            : null;

    /// <summary>The scale progress is measured on: the unit's resource (its epochs), or thousandths of training.</summary>
    private static long Scale(SearchPlan plan, SearchUnit unit, string paramsJson) =>
        plan.Budget(unit, paramsJson) is { } budget and > 0 ? budget : SearchProgress.Thousandths;

    private void CopySearchCounts()
    {
        (State.Done, State.Failed, State.Cached, State.Stopped) = (_searchDone, _searchFailed, _searchCached, _searchStopped);
        State.ResourceSpent = _resourceSpent;
        _writer.MarkDirty();
    }

    /// <summary>Every keep-alive: the log down if it changed, the slots re-read (silos join and leave), freed slots filled.</summary>
    private async Task SearchKeepAlive()
    {
        await LoadSearch().ConfigureAwait(true);
        _limit = await ConcurrencyLimit().ConfigureAwait(true);
        await LogWriter.FlushIfDirtyAsync().ConfigureAwait(true);
        CopySearchCounts();
        await _writer.FlushIfDirtyAsync().ConfigureAwait(true);
        await FillSlots().ConfigureAwait(true);
    }

    private async Task CancelSearch()
    {
        await _searchCancel.CancelAsync().ConfigureAwait(true);
        await Task.WhenAll(_unitTasks.Values.ToList()).ConfigureAwait(true);
        await LogWriter.FlushIfDirtyAsync().ConfigureAwait(true);
        CopySearchCounts();
        State.Skipped = Math.Max(0, State.Count - State.Done - State.Failed - State.Stopped);
        Finish(SweepState.Cancelled);
    }

    private SweepProgress SearchSnapshot()
    {
        var plan = SearchOf(Definition!);
        var strategy = _strategy;
        var final = State.State is SweepState.Completed or SweepState.Cancelled;
        // A cancelled search's last units are never told: nothing runs once it is final.
        var running = strategy is null || final ? 0 : (long)strategy.Running * plan.Spec.Seeds.Count;
        var (done, failed, cached, stopped) = _searchLoading is null && final
            ? (State.Done, State.Failed, State.Cached, State.Stopped)
            : (_searchDone, _searchFailed, _searchCached, _searchStopped);
        var total = final ? State.Count : Math.Max(State.Count, done + failed + stopped + running);
        var pending = final ? 0 : Math.Max(0, total - done - failed - stopped - running);
        SearchStatus? status = null;
        if (strategy is not null)
        {
            var best = strategy.BestUnit is { } b ? UnitPoints(strategy.Units[b]).Points is { Count: > 0 } p ? p[0].ParamsJson : null : null;
            status = new SearchStatus(SearchSpec.Name(plan.Search.Algorithm), plan.Search.Metric!, plan.Search.Maximize, strategy.Describe(),
                strategy.Best, best, strategy.Units.Count, _searchLoading is null && final ? State.ResourceSpent : _resourceSpent, plan.Search.Resource,
                plan.FullBudget);
        }
        return new(State.State, total, pending, running, done, failed, cached, State.Skipped, State.StartedAt, State.FinishedAt,
            _slots, [], stopped, status);
    }

    /// <summary>Points expected: every configuration once per seed (median, tpe), or what successive halving would run (asha).</summary>
    private static long ExpectedSearchPoints(SearchPlan plan)
    {
        var seeds = plan.Spec.Seeds.Count;
        if (plan.Search.Algorithm != SearchAlgorithm.Asha) return (long)plan.Configurations * seeds;
        double n = plan.Configurations, units = 0;
        foreach (var _ in plan.Search.Rungs())
        {
            units += Math.Max(1, Math.Floor(n));
            n /= plan.Search.Reduction;
        }
        return (long)units * seeds;
    }

    /// <summary>Results in the order the search issued its units (index = unit × seeds + seed position), with each point's place in the search.</summary>
    private async Task<ResultPage> SearchResults(long from, int maxCount, CancellationToken cancellationToken)
    {
        await LoadSearch().ConfigureAwait(true);
        var plan = SearchOf(Definition!);
        var strategy = _strategy!;
        var seeds = plan.Spec.Seeds.Count;
        var planned = new List<(Sweeps.PlannedPoint Point, SearchUnit Unit)>();
        var next = -1L;
        for (var u = (int)Math.Min(from / seeds, int.MaxValue); u < strategy.Units.Count; u++)
        {
            if (planned.Count >= maxCount)
            {
                next = (long)u * seeds;
                break;
            }
            var unit = strategy.Units[u];
            if (!strategy.Told(u)) continue;
            foreach (var point in UnitPoints(unit).Points) if (point.Index >= from) planned.Add((point, unit));
        }
        var found = await store.TryGetMany([.. planned.Select(p => p.Point.Id)], cancellationToken).ConfigureAwait(true);
        var results = ImmutableArray.CreateBuilder<PointResult>(planned.Count);
        for (var i = 0; i < planned.Count; i++)
        {
            if (found[i] is not { } result)
            {
                LogSearchResultMissing(logger, RunId, planned[i].Point.Id);
                continue;
            }
            var unit = planned[i].Unit;
            results.Add(result with
            {
                Cached = result.RunId != RunId,
                ParamsJson = planned[i].Point.ParamsJson,
                Search = new SearchMark(unit.Sequence, unit.Trial, unit.Rung, plan.Budget(unit, planned[i].Point.ParamsJson), unit.Reason),
            });
        }
        return new ResultPage(results.ToImmutable(), next);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sweep {SweepId} started: {Algorithm} over {Configurations} configurations, about {Points} points")]
    private static partial void LogSearchStarted(ILogger logger, string sweepId, string algorithm, int configurations, long points);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sweep {SweepId}: search resumed from its log, {Units} units issued, {Running} running again")]
    private static partial void LogSearchResumed(ILogger logger, string sweepId, int units, int running);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sweep {SweepId}: {Missing} results of the search are missing from the result store; running them again")]
    private static partial void LogSearchRecordedMissing(ILogger logger, string sweepId, int missing);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sweep {SweepId}: could not check the search's results in the store ({Error}); checking again on the next keep-alive")]
    private static partial void LogSearchVerifyFailed(ILogger logger, string sweepId, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sweep {SweepId}: search unit {Unit} cannot run ({Error}); counted as failed")]
    private static partial void LogSearchUnitInvalid(ILogger logger, string sweepId, int unit, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sweep {SweepId}: point {PointId} of the search log is not in the result store; a running search computes it again")]
    private static partial void LogSearchResultMissing(ILogger logger, string sweepId, string pointId);
}
