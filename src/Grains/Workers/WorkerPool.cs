using ContrastiveOrleans.Grains.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ContrastiveOrleans.Grains.Workers;

/// <summary>
/// Dedicated threads for CPU-bound runs, so training never blocks the Orleans scheduler. Callers await
/// <see cref="RunAsync{T}"/> or <see cref="RunPackableAsync{TState, TResult}"/>; work beyond <see cref="Slots"/> queues,
/// and a worker taking a packable item takes queued items of the same pack key with it, to run as one program.
/// </summary>
public sealed partial class WorkerPool : IDisposable
{
    private readonly LinkedList<WorkItem> _queue = new();
    private readonly object _gate = new();
    private bool _closed;
    private readonly Thread[] _threads;
    private readonly WorkerPoolOptions _options;
    private readonly ILogger<WorkerPool> _logger;
    private readonly CancellationTokenSource _stopping = new();
    private int _active;

    public WorkerPool(IOptions<WorkerPoolOptions> options, ILogger<WorkerPool> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _logger = logger;
        if (_options.ThreadsPerPoint < 1) throw new ArgumentOutOfRangeException(nameof(options), "ThreadsPerPoint must be at least 1");
        _threads = new Thread[_options.EffectiveSlots];
        for (var i = 0; i < _threads.Length; i++)
        {
            _threads[i] = new Thread(Work) { IsBackground = true, Name = $"contrastive-worker-{i}" };
            _threads[i].Start();
        }
        WorkerPoolGauges.Register(this);
    }

    public int Slots => _threads.Length;

    public int ThreadsPerPoint => _options.ThreadsPerPoint;

    /// <summary>Items running on a worker now (telemetry).</summary>
    public int Active => Volatile.Read(ref _active);

    /// <summary>Items waiting for a worker (telemetry; cancelled items count until a worker skips them).</summary>
    public int Queued
    {
        get
        {
            lock (_gate) return _queue.Count;
        }
    }

    /// <summary>
    /// The host is stopping (SIGTERM): running and queued work is cancelled and its callers get
    /// <see cref="WorkInterruptedException"/>, so their points are run again elsewhere instead of being recorded as
    /// cancelled or failed. Work that finishes first completes normally.
    /// </summary>
    public void Interrupt()
    {
        if (!_stopping.IsCancellationRequested) LogInterrupted(_logger, Active, Queued);
        _stopping.Cancel();
    }

    /// <param name="usesTorch">Configure torch's threads on the worker first (once per thread); false skips loading libtorch.</param>
    /// <remarks>
    /// Cancelling a queued item completes the caller at once and the worker skips it; a running one sees the token.
    /// Whoever awaits the run sees its slot already free (a cancelled sweep has stopped its work when told so).
    /// </remarks>
    public Task<T> RunAsync<T>(Func<CancellationToken, T> work, bool usesTorch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        // An item that never packs: the same queue, claim, cancellation and completion as a packable one.
        var item = new PackItem<Func<CancellationToken, T>, T>(this, packKey: null, maxPack: 1, work, static (w, token) => w(token),
            static (_, _) => throw new NotSupportedException(), usesTorch, cancellationToken);
        Enqueue(item);
        return item.Completion.Task;
    }

    /// <summary>
    /// Runs <paramref name="state"/> alone, or, when the worker that takes it finds other queued items with the same
    /// <paramref name="packKey"/>, together with up to <paramref name="maxPack"/> − 1 of them in one call of
    /// <paramref name="runTogether"/> (the first item's; items of one key must agree in it). Outcome i of that call
    /// completes item i: a result, or an exception that fails that item alone. If the call itself throws, each item
    /// runs alone instead. Queued items of a key are shared among the slots, so a few points still spread over every
    /// worker. A packed program stops early only when every item in it is cancelled or the host stops.
    /// </summary>
    public Task<TResult> RunPackableAsync<TState, TResult>(
        string packKey,
        int maxPack,
        TState state,
        Func<TState, CancellationToken, TResult> runAlone,
        Func<IReadOnlyList<TState>, CancellationToken, IReadOnlyList<(TResult? Value, Exception? Error)>> runTogether,
        bool usesTorch,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(packKey);
        ArgumentNullException.ThrowIfNull(runAlone);
        ArgumentNullException.ThrowIfNull(runTogether);
        var item = new PackItem<TState, TResult>(this, packKey, Math.Max(1, maxPack), state, runAlone, runTogether, usesTorch, cancellationToken);
        Enqueue(item);
        return item.Completion.Task;
    }

    [ThreadStatic]
    private static bool t_torchConfigured;

    private void Enqueue(WorkItem item)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_closed, this);
            _queue.AddLast(item);
            Monitor.Pulse(_gate);
        }
    }

    private void Work()
    {
        while (Take() is { } batch)
        {
            if (batch.Count == 1) batch[0].Run();
            else batch[0].RunTogether(batch);
        }
    }

    /// <summary>The next item, with the queued items of its pack key it takes along; null once closed and drained.</summary>
    private List<WorkItem>? Take()
    {
        lock (_gate)
        {
            while (_queue.Count == 0)
            {
                if (_closed) return null;
                Monitor.Wait(_gate);
            }
            var first = _queue.First!.Value;
            _queue.RemoveFirst();
            var batch = new List<WorkItem> { first };
            if (first.PackKey is not { } key || first.MaxPack < 2) return batch;
            var same = new List<LinkedListNode<WorkItem>>();
            for (var node = _queue.First; node is not null; node = node.Next)
            {
                if (!node.Value.IsCompleted && node.Value.GetType() == first.GetType() && string.Equals(node.Value.PackKey, key, StringComparison.Ordinal))
                    same.Add(node);
            }
            // This worker's share of the key's queued items, so the other slots get theirs.
            var take = Math.Min(first.MaxPack - 1, ((same.Count + 1 + Slots - 1) / Slots) - 1);
            foreach (var node in same.Take(take))
            {
                _queue.Remove(node);
                batch.Add(node.Value);
            }
            return batch;
        }
    }

    /// <summary>A queued unit of work.</summary>
    private abstract class WorkItem
    {
        public virtual string? PackKey => null;

        public virtual int MaxPack => 1;

        /// <summary>Cancelled (or interrupted) while queued: a worker skips it.</summary>
        public abstract bool IsCompleted { get; }

        public abstract void Run();

        public virtual void RunTogether(IReadOnlyList<WorkItem> items) => throw new NotSupportedException();
    }

    private sealed class PackItem<TState, TResult> : WorkItem
    {
        private readonly WorkerPool _pool;
        private readonly Func<TState, CancellationToken, TResult> _runAlone;
        private readonly Func<IReadOnlyList<TState>, CancellationToken, IReadOnlyList<(TResult? Value, Exception? Error)>> _runTogether;
        private readonly bool _usesTorch;
        private readonly CancellationToken _token;
        private readonly CancellationTokenRegistration _queuedCancel;
        private readonly CancellationTokenRegistration _queuedInterrupt;

        public PackItem(WorkerPool pool, string? packKey, int maxPack, TState state, Func<TState, CancellationToken, TResult> runAlone,
            Func<IReadOnlyList<TState>, CancellationToken, IReadOnlyList<(TResult? Value, Exception? Error)>> runTogether, bool usesTorch,
            CancellationToken cancellationToken)
        {
            (_pool, PackKey, MaxPack, State, _runAlone, _runTogether, _usesTorch, _token) =
                (pool, packKey, maxPack, state, runAlone, runTogether, usesTorch, cancellationToken);
            // Cancelling (or interrupting) a queued item completes its caller at once; the worker then skips it.
            _queuedCancel = cancellationToken.Register(() => Completion.TrySetCanceled(cancellationToken));
            _queuedInterrupt = pool._stopping.Token.Register(() => Completion.TrySetException(new WorkInterruptedException()));
        }

        public TaskCompletionSource<TResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TState State { get; }

        public override string? PackKey { get; }

        public override int MaxPack { get; }

        public override bool IsCompleted => Completion.Task.IsCompleted;

        public override void Run() => RunTogether([this]);

        public override void RunTogether(IReadOnlyList<WorkItem> items)
        {
            var live = items.Cast<PackItem<TState, TResult>>().Where(i => i.Claim()).ToList();
            if (live.Count == 0) return;
            if (_usesTorch) _pool.ConfigureTorchOnce();
            Interlocked.Increment(ref _pool._active);
            if (live.Count == 1)
            {
                // The common case (every item of an unpacked sweep): no program token to link.
                Action complete;
                try
                {
                    complete = live[0].Alone();
                }
                finally
                {
                    Interlocked.Decrement(ref _pool._active);
                }
                complete();
                return;
            }
            var completions = new List<Action>(live.Count);
            // A program of several items stops early only when every one of them is cancelled, or the host stops.
            using var program = CancellationTokenSource.CreateLinkedTokenSource(_pool._stopping.Token);
            var cancelled = 0;
            var registrations = live.Select(i => i._token.Register(() =>
            {
                if (Interlocked.Increment(ref cancelled) == live.Count) program.Cancel();
            })).ToList();
            try
            {
                IReadOnlyList<(TResult? Value, Exception? Error)>? outcomes = null;
                try
                {
                    outcomes = _runTogether([.. live.Select(i => i.State)], program.Token);
                }
                catch (OperationCanceledException e) when (program.IsCancellationRequested)
                {
                    completions.AddRange(live.Select(i => i.Attempt(_ => throw e, CancellationToken.None)));
                }
#pragma warning disable CA1031 // The program as a whole failed: each item runs alone, so one bad item cannot fail the rest.
                catch (Exception)
#pragma warning restore CA1031
                {
                    completions.AddRange(live.Select(i => i.Alone()));
                }
                if (outcomes is { } results && results.Count == live.Count)
                {
                    for (var n = 0; n < live.Count; n++)
                    {
                        var (value, error) = results[n];
                        completions.Add(live[n].Attempt(_ => error is null ? value! : throw error, CancellationToken.None));
                    }
                }
                else if (outcomes is not null)
                {
                    // Not one outcome per item: no item's outcome can be trusted, so each runs alone.
                    completions.AddRange(live.Select(i => i.Alone()));
                }
            }
            finally
            {
                foreach (var registration in registrations) registration.Dispose();
                Interlocked.Decrement(ref _pool._active);
            }
            // Whoever awaits the run sees its slot already free.
            foreach (var complete in completions) complete();
        }

        /// <summary>Takes the item for a worker: false if it was cancelled or interrupted while queued.</summary>
        private bool Claim()
        {
            // Disposing waits for a callback already running, so afterwards the completion is the worker's alone.
            _queuedCancel.Dispose();
            _queuedInterrupt.Dispose();
            return !Completion.Task.IsCompleted;
        }

        private Action Alone()
        {
            using var either = CancellationTokenSource.CreateLinkedTokenSource(_token, _pool._stopping.Token);
            return Attempt(token => _runAlone(State, token), either.Token);
        }

        /// <summary>Runs <paramref name="body"/> and returns what completes the caller, as <see cref="RunAsync{T}"/> does.</summary>
        private Action Attempt(Func<CancellationToken, TResult> body, CancellationToken token)
        {
            try
            {
                var value = body(token);
                return () => Completion.TrySetResult(value);
            }
            catch (OperationCanceledException) when (_token.IsCancellationRequested)
            {
                return () => Completion.TrySetCanceled(_token);
            }
            catch (OperationCanceledException) when (_pool._stopping.IsCancellationRequested)
            {
                return () => Completion.TrySetException(new WorkInterruptedException());
            }
            catch (Exception e)
            {
                return () => Completion.TrySetException(e);
            }
        }
    }

    private void ConfigureTorchOnce()
    {
        if (t_torchConfigured || !_options.ConfigureTorchThreads) return;
        t_torchConfigured = true;
        try
        {
            TorchSharp.torch.set_num_threads(_options.ThreadsPerPoint);
        }
        catch (Exception e) when (e is DllNotFoundException or TypeInitializationException or NotSupportedException or InvalidOperationException)
        {
            // Experiments that do not use torch still run; those that do will report the load failure themselves.
            LogTorchUnavailable(_logger, e.Message);
        }
    }

    public void Dispose()
    {
        Interrupt();
        WorkerPoolGauges.Unregister(this);
        lock (_gate)
        {
            _closed = true;
            Monitor.PulseAll(_gate);
        }
        var stopped = _threads.All(thread => thread.Join(TimeSpan.FromSeconds(5)));
        // A worker still finishing a program reads the token: it stays undisposed until the process ends.
        if (stopped) _stopping.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Host stopping: interrupting {Running} running and {Queued} queued points (they run again elsewhere)")]
    private static partial void LogInterrupted(ILogger logger, int running, int queued);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not set torch threads on a worker: {Reason}")]
    private static partial void LogTorchUnavailable(ILogger logger, string reason);
}
