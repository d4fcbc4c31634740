using System.Collections.Immutable;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using ContrastiveOrleans.Grains.Contracts;
using ContrastiveOrleans.Grains.Durability;
using ContrastiveOrleans.Grains.Telemetry;
using ContrastiveOrleans.Grains.Workers;
using Microsoft.Extensions.Logging;

namespace ContrastiveOrleans.Grains;

/// <summary>
/// Dispatches a sweep's points with bounded concurrency. Calls to point grains are fired without holding this grain's
/// turn: each completion continues on the activation's scheduler (one at a time, interleaved with polls), records the
/// result, forwards it to the aggregator and dispatches the next point.
/// The definition and finished results are persisted (<see cref="SweepRecord"/>): when the silo hosting this grain
/// dies, the next call or the resume reminder reactivates it on a survivor, which dispatches every point without a
/// result again. A point call that fails for infrastructure reasons (its silo died, storage unreachable) is retried
/// with backoff rather than recorded as a failed point.
/// </summary>
[SuppressMessage("Design", "CA1001", Justification = "The token source is never disposed: without a timer it holds nothing, and a retry still in flight after a new run or a deactivation reads its token.")]
public sealed partial class SweepGrain(
    [PersistentState("sweep", SweepStorage.ProviderName)] IPersistentState<SweepRecord> record,
    WorkerPool pool,
    ILogger<SweepGrain> logger) : Grain, ISweepGrain, IRemindable
{
    private static readonly TimeSpan FlushPeriod = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan ReminderPeriod = TimeSpan.FromMinutes(1);
    private readonly Queue<SweepPoint> _pending = new();
    private readonly HashSet<string> _running = new(StringComparer.Ordinal);
    private readonly HashSet<string> _finished = new(StringComparer.Ordinal);
    private readonly PointRetryPolicy _retry = new();
    private readonly List<PointResult> _toAggregate = [];
    private bool _aggregating;
    // Carried by Orleans to every running point call: one Cancel reaches them all, on whichever silo.
    private CancellationTokenSource _cancel = new();
    private SerializedStateWriter _writer = null!;
    private IGrainTimer? _flushTimer;
    private int _limit;
    private Activity? _activity;
    private bool _telemetryOpen;

    private SweepRecord State => record.State;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _writer = new SerializedStateWriter(WriteRecord, logger, TimeSpan.FromSeconds(5));
        if (State.Definition is not { } definition) return;
        foreach (var result in State.Results) _finished.Add(result.Id);
        await RebuildAggregator(definition).ConfigureAwait(true);
        switch (State.State)
        {
            case SweepState.Running:
                LogResumed(logger, definition.SweepId, State.Results.Count, definition.Points.Length);
                _limit = await ConcurrencyLimit(definition).ConfigureAwait(true);
                BeginRunning(definition);
                Dispatch();
                break;
            case SweepState.Cancelling:
                // The running points were lost with the previous activation; what finished is kept.
                State.Skipped = definition.Points.Length - State.Results.Count;
                Finish(SweepState.Cancelled);
                break;
        }
    }

    /// <summary>
    /// A silo shutting down (SIGTERM) deactivates its grains: what finished since the last flush is written first, so
    /// the sweep resumes on a survivor without running those points again.
    /// </summary>
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (State.State is SweepState.Running or SweepState.Cancelling) await _writer.FlushAsync().ConfigureAwait(true);
        _flushTimer?.Dispose();
        _flushTimer = null;
    }

    public async Task<SweepProgress> Start(SweepDefinition definition, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(definition);
        cancellationToken.ThrowIfCancellationRequested();
        if (State.State is SweepState.Running or SweepState.Cancelling)
        {
            // A client retrying a submission whose reply it lost must not fail.
            if (State.Definition?.SweepId == definition.SweepId && State.Definition.Points.Length == definition.Points.Length) return Snapshot();
            throw new InvalidOperationException($"sweep {this.GetPrimaryKeyString()} is already running");
        }
        State.Definition = definition;
        State.TraceParent = null;
        State.FirstSpan = null;
        State.Results.Clear();
        _finished.Clear();
        State.Skipped = 0;
        State.State = SweepState.Running;
        State.StartedAt = DateTimeOffset.UtcNow;
        State.FinishedAt = null;
        // Stored before the first dispatch: a sweep acknowledged to the client survives the death of this silo.
        await _writer.FlushAsync().ConfigureAwait(true);
        await RegisterResumeReminder().ConfigureAwait(true);
        // Past the submission check the sweep is acknowledged: its setup no longer follows the caller's token.
        await Aggregator.Configure(definition.Curves, CancellationToken.None).ConfigureAwait(true);
        _limit = await ConcurrencyLimit(definition).ConfigureAwait(true);
        LogStarted(logger, definition.SweepId, definition.Points.Length, _limit);
        BeginRunning(definition);
        Dispatch();
        return Snapshot();
    }

    public Task<SweepProgress> GetProgress(CancellationToken cancellationToken = default) => Task.FromResult(Snapshot());

    public async Task<SweepProgress> Cancel(CancellationToken cancellationToken = default)
    {
        if (State.State != SweepState.Running) return Snapshot();
        State.State = SweepState.Cancelling;
        State.Skipped += _pending.Count;
        SweepTelemetry.Skipped(State.Definition, _pending.Count);
        _pending.Clear();
        // Points stop first: the state write below retries for as long as its storage is down.
        await _cancel.CancelAsync().ConfigureAwait(true);
        await _writer.FlushAsync().ConfigureAwait(true);
        FinishIfIdle();
        return Snapshot();
    }

    public Task<ImmutableArray<PointResult>> GetResults(int offset, int count, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return Task.FromResult(State.Results.Skip(offset).Take(count).ToImmutableArray());
    }

    public Task<string?> GetResolvedSpec(CancellationToken cancellationToken = default) => Task.FromResult(State.Definition?.ResolvedSpec);

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        // Being activated is the point of the reminder (OnActivateAsync resumed dispatching); a finished sweep drops it.
        if (State.State is SweepState.Completed or SweepState.Cancelled or SweepState.NotStarted) await UnregisterResumeReminder().ConfigureAwait(true);
    }

    private IAggregatorGrain Aggregator => GrainFactory.GetGrain<IAggregatorGrain>(this.GetPrimaryKeyString());

    private void BeginRunning(SweepDefinition definition)
    {
        if (!_telemetryOpen)
        {
            if (State.FirstSpan is null)
            {
                State.TraceParent = Activity.Current?.Id;
                _activity = SweepTelemetry.Start(definition);
                State.FirstSpan = _activity?.Id;
                _writer.MarkDirty();
            }
            else
            {
                // Resumed (its first activation died with a silo): the new span joins the submitter's trace.
                _activity = SweepTelemetry.Start(definition, State.TraceParent, State.FirstSpan);
            }
            _telemetryOpen = true;
        }
        if (_cancel.IsCancellationRequested) _cancel = new CancellationTokenSource();
        _pending.Clear();
        foreach (var point in definition.Points)
        {
            if (!_finished.Contains(point.Id)) _pending.Enqueue(point);
        }
        // Only a poll keeps a grain alive by default; a sweep outlives idle clients.
        DelayDeactivation(TimeSpan.FromDays(7));
        _flushTimer ??= this.RegisterGrainTimer(_ => _writer.FlushIfDirtyAsync(),
            new GrainTimerCreationOptions(FlushPeriod, FlushPeriod) { Interleave = true });
    }

    private void FinishIfIdle()
    {
        if (_running.Count > 0 || _aggregating || State.State is not (SweepState.Running or SweepState.Cancelling)) return;
        if (State.State == SweepState.Running && _pending.Count > 0) return;
        Finish(State.State == SweepState.Cancelling ? SweepState.Cancelled : SweepState.Completed);
    }

    private void Finish(SweepState final)
    {
        State.State = final;
        State.FinishedAt = DateTimeOffset.UtcNow;
        DelayDeactivation(TimeSpan.FromHours(1));
        _ = FinishDurably();
        var (done, failed, cached) = Counts();
        LogFinished(logger, State.Definition!.SweepId, final, done, failed, cached, State.Skipped);
        if (_telemetryOpen) SweepTelemetry.Finish(_activity, State.Definition, Snapshot());
        _telemetryOpen = false;
        _activity = null;
    }

    private async Task FinishDurably()
    {
        await _writer.FlushAsync().ConfigureAwait(true);
        _flushTimer?.Dispose();
        _flushTimer = null;
        await ArchiveAsync().ConfigureAwait(true);
        await UnregisterResumeReminder().ConfigureAwait(true);
    }

    private (int Done, int Failed, int Cached) Counts()
    {
        int done = 0, failed = 0, cached = 0;
        foreach (var r in State.Results)
        {
            if (r.Status == PointStatus.Done) done++;
            else failed++;
            if (r.Cached) cached++;
        }
        return (done, failed, cached);
    }

    private SweepProgress Snapshot()
    {
        var (done, failed, cached) = Counts();
        return new(State.State, State.Definition?.Points.Length ?? 0, _pending.Count, _running.Count, done, failed, cached,
            State.Skipped, State.StartedAt, State.FinishedAt);
    }
}
