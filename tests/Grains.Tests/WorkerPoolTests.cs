using ContrastiveOrleans.Grains.Workers;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ContrastiveOrleans.Grains.Tests;

public sealed class WorkerPoolTests
{
    private static WorkerPool Pool(int slots) =>
        new(Options.Create(new WorkerPoolOptions { Slots = slots, ConfigureTorchThreads = false }), NullLogger<WorkerPool>.Instance);

    [Fact]
    public async Task Runs_on_dedicated_threads_and_never_more_than_the_slots_at_once()
    {
        using var pool = Pool(2);
        var running = 0;
        var peak = 0;
        var tasks = Enumerable.Range(0, 8).Select(_ => pool.RunAsync(_ =>
        {
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref peak, now);
            Thread.Sleep(5);
            Interlocked.Decrement(ref running);
            return Thread.CurrentThread.Name;
        }, usesTorch: false, CancellationToken.None)).ToList();
        var names = await Task.WhenAll(tasks);
        Assert.All(names, n => Assert.StartsWith("contrastive-worker-", n, StringComparison.Ordinal));
        Assert.InRange(peak, 1, 2);
    }

    [Fact]
    public async Task Cancelling_a_queued_item_completes_its_caller_without_running_it()
    {
        using var pool = Pool(1);
        using var release = new ManualResetEventSlim();
        var blocker = pool.RunAsync(_ => release.Wait(TimeSpan.FromSeconds(10), CancellationToken.None), usesTorch: false, CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        var ran = false;
        var queued = pool.RunAsync(_ => ran = true, usesTorch: false, cancel.Token);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queued);
        release.Set();
        Assert.True(await blocker);
        Assert.False(ran);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
