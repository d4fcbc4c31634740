using System.Collections.Concurrent;
using ContrastiveOrleans.Grains.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ContrastiveOrleans.Grains.Workers;

/// <summary>
/// Dedicated threads for CPU-bound runs, so training never blocks the Orleans scheduler. Callers await
/// <see cref="RunAsync{T}"/>; work beyond <see cref="Slots"/> queues.
/// </summary>
public sealed partial class WorkerPool : IDisposable
{
    private readonly BlockingCollection<Action> _queue = [];
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
    public int Queued => _queue.Count;

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
    public Task<T> RunAsync<T>(Func<CancellationToken, T> work, bool usesTorch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        var completion = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        // Cancelling a queued item completes the caller at once; the worker then skips it.
        var registration = cancellationToken.Register(() => completion.TrySetCanceled(cancellationToken));
        var interruption = _stopping.Token.Register(() => completion.TrySetException(new WorkInterruptedException()));
        _queue.Add(() =>
        {
            registration.Dispose();
            interruption.Dispose();
            if (completion.Task.IsCompleted) return;
            if (usesTorch) ConfigureTorchOnce();
            Interlocked.Increment(ref _active);
            Action complete;
            using var either = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stopping.Token);
            try
            {
                var value = work(either.Token);
                complete = () => completion.TrySetResult(value);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                complete = () => completion.TrySetCanceled(cancellationToken);
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                complete = () => completion.TrySetException(new WorkInterruptedException());
            }
            catch (Exception e)
            {
                complete = () => completion.TrySetException(e);
            }
            finally
            {
                Interlocked.Decrement(ref _active);
            }
            // Whoever awaits the run sees its slot already free (a cancelled sweep has stopped its work when told so).
            complete();
        }, CancellationToken.None);
        return completion.Task;
    }

    [ThreadStatic]
    private static bool t_torchConfigured;

    private void Work()
    {
        foreach (var item in _queue.GetConsumingEnumerable()) item();
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
        _queue.CompleteAdding();
        foreach (var thread in _threads) thread.Join(TimeSpan.FromSeconds(5));
        _queue.Dispose();
        _stopping.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Host stopping: interrupting {Running} running and {Queued} queued points (they run again elsewhere)")]
    private static partial void LogInterrupted(ILogger logger, int running, int queued);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not set torch threads on a worker: {Reason}")]
    private static partial void LogTorchUnavailable(ILogger logger, string reason);
}
