using System.Collections.Immutable;
using System.Diagnostics;
using ContrastiveOrleans.Grains.Contracts;
using ContrastiveOrleans.Grains.Telemetry;
using ContrastiveOrleans.Grains.Workers;
using Microsoft.Extensions.Logging;

namespace ContrastiveOrleans.Grains;

/// <summary>
/// Dispatches a sweep's points with bounded concurrency. Calls to point grains are fired without holding this grain's
/// turn: each completion continues on the activation's scheduler (one at a time, interleaved with polls), records the
/// result, forwards it to the aggregator and dispatches the next point.
/// </summary>
public sealed partial class SweepGrain(WorkerPool pool, ILogger<SweepGrain> logger) : Grain, ISweepGrain
{
    private SweepDefinition? _definition;
    private readonly Queue<SweepPoint> _pending = new();
    private readonly HashSet<string> _running = new(StringComparer.Ordinal);
    private readonly List<PointResult> _results = [];
    private int _done, _failed, _cached, _skipped, _limit;
    private SweepState _state = SweepState.NotStarted;
    private DateTimeOffset _startedAt;
    private DateTimeOffset? _finishedAt;
    private Activity? _activity;

    public async Task<SweepProgress> Start(SweepDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (_state is SweepState.Running or SweepState.Cancelling)
        {
            throw new InvalidOperationException($"sweep {this.GetPrimaryKeyString()} is already running");
        }
        _definition = definition;
        _pending.Clear();
        foreach (var point in definition.Points) _pending.Enqueue(point);
        _results.Clear();
        _done = _failed = _cached = _skipped = 0;
        _limit = definition.MaxConcurrency > 0 ? definition.MaxConcurrency : pool.Slots;
        _state = SweepState.Running;
        _startedAt = DateTimeOffset.UtcNow;
        _finishedAt = null;
        _activity = SweepTelemetry.Start(definition);
        // Only a poll keeps a grain alive by default; a sweep outlives idle clients.
        DelayDeactivation(TimeSpan.FromDays(7));
        await Aggregator.Configure(definition.Curves);
        LogStarted(logger, definition.SweepId, definition.Points.Length, _limit);
        Dispatch();
        return Snapshot();
    }

    public Task<SweepProgress> GetProgress() => Task.FromResult(Snapshot());

    public async Task<SweepProgress> Cancel()
    {
        if (_state != SweepState.Running) return Snapshot();
        _state = SweepState.Cancelling;
        _skipped += _pending.Count;
        SweepTelemetry.Skipped(_definition, _pending.Count);
        _pending.Clear();
        await Task.WhenAll(_running.Select(id => GrainFactory.GetGrain<IPointGrain>(id).Cancel()));
        FinishIfIdle();
        return Snapshot();
    }

    public Task<ImmutableArray<PointResult>> GetResults(int offset, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return Task.FromResult(_results.Skip(offset).Take(count).ToImmutableArray());
    }

    private IAggregatorGrain Aggregator => GrainFactory.GetGrain<IAggregatorGrain>(this.GetPrimaryKeyString());

    private void Dispatch()
    {
        while (_state == SweepState.Running && _running.Count < _limit && _pending.TryDequeue(out var point))
        {
            _running.Add(point.Id);
            _ = RunPoint(point);
        }
        FinishIfIdle();
    }

    private async Task RunPoint(SweepPoint point)
    {
        PointResult result;
        SweepTelemetry.Enter(_activity);
        try
        {
            result = await GrainFactory.GetGrain<IPointGrain>(point.Id).Run(new PointRequest(point, _definition!.Device));
        }
#pragma warning disable CA1031 // A point that cannot even be called is a failed point, not a failed sweep.
        catch (Exception e)
#pragma warning restore CA1031
        {
            result = PointResult.Failure(point, $"{e.GetType().Name}: {e.Message}");
        }
        if (result.Status == PointStatus.Cancelled)
        {
            _skipped++;
            SweepTelemetry.Skipped(_definition, 1);
        }
        else
        {
            try
            {
                await Aggregator.Add(result);
            }
#pragma warning disable CA1031 // Curves are a summary; losing one result there must not lose the result itself.
            catch (Exception e)
#pragma warning restore CA1031
            {
                LogAggregatorFailed(logger, point.Id, e);
            }
            _results.Add(result);
            if (result.Status == PointStatus.Done) _done++;
            else _failed++;
            if (result.Cached) _cached++;
        }
        _running.Remove(point.Id);
        Dispatch();
    }

    private void FinishIfIdle()
    {
        if (_running.Count > 0 || _state is not (SweepState.Running or SweepState.Cancelling)) return;
        if (_state == SweepState.Running && _pending.Count > 0) return;
        _state = _state == SweepState.Cancelling ? SweepState.Cancelled : SweepState.Completed;
        _finishedAt = DateTimeOffset.UtcNow;
        DelayDeactivation(TimeSpan.FromHours(1));
        LogFinished(logger, _definition!.SweepId, _state, _done, _failed, _cached, _skipped);
        SweepTelemetry.Finish(_activity, _definition, Snapshot());
        _activity = null;
    }

    private SweepProgress Snapshot() => new(
        _state, _definition?.Points.Length ?? 0, _pending.Count, _running.Count, _done, _failed, _cached, _skipped, _startedAt, _finishedAt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sweep {SweepId} started: {Points} points, {Limit} at a time")]
    private static partial void LogStarted(ILogger logger, string sweepId, int points, int limit);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sweep {SweepId} {State}: {Done} done ({Cached} cached), {Failed} failed, {Skipped} skipped")]
    private static partial void LogFinished(ILogger logger, string sweepId, SweepState state, int done, int failed, int cached, int skipped);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not aggregate point {PointId}")]
    private static partial void LogAggregatorFailed(ILogger logger, string pointId, Exception exception);
}
