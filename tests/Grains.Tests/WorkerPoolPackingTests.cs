using System.Collections.Concurrent;
using ContrastiveOrleans.Grains.Workers;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ContrastiveOrleans.Grains.Tests;

public sealed class WorkerPoolPackingTests
{
    private static WorkerPool Pool(int slots) =>
        new(Options.Create(new WorkerPoolOptions { Slots = slots, ConfigureTorchThreads = false }), NullLogger<WorkerPool>.Instance);

    /// <summary>Occupies the pool's only slot until released, so what is queued meanwhile is there when a worker looks.</summary>
    private static (Task Blocker, ManualResetEventSlim Release) Block(WorkerPool pool)
    {
        var release = new ManualResetEventSlim();
        return (pool.RunAsync(_ => release.Wait(TimeSpan.FromSeconds(10), CancellationToken.None), usesTorch: false, CancellationToken.None), release);
    }

    private sealed class Recorder
    {
        public ConcurrentQueue<int[]> Programs { get; } = new();

        public ConcurrentQueue<int> Alone { get; } = new();

        public Task<int> Submit(WorkerPool pool, string key, int maxPack, int value, CancellationToken cancellationToken = default) =>
            pool.RunPackableAsync(key, maxPack, value,
                (v, _) =>
                {
                    Alone.Enqueue(v);
                    return v * 10;
                },
                (values, _) =>
                {
                    Programs.Enqueue([.. values]);
                    return [.. values.Select(v => v == 13 ? (0, (Exception?)new InvalidOperationException("thirteen")) : (v * 10, null))];
                },
                usesTorch: false, cancellationToken);
    }

    [Fact]
    public async Task Queued_items_of_one_key_run_as_programs_of_at_most_max_pack_and_each_gets_its_own_outcome()
    {
        using var pool = Pool(1);
        var (blocker, release) = Block(pool);
        var recorder = new Recorder();
        var tasks = Enumerable.Range(10, 6).Select(v => recorder.Submit(pool, "a", 4, v)).ToList();
        release.Set();
        await blocker;
        for (var i = 0; i < tasks.Count; i++)
        {
            if (10 + i == 13) Assert.Equal("thirteen", (await Assert.ThrowsAsync<InvalidOperationException>(() => tasks[i])).Message);
            else Assert.Equal((10 + i) * 10, await tasks[i]);
        }
        // Six queued, one slot: a program of four (the queue order), then the two left.
        Assert.Equal([[10, 11, 12, 13], [14, 15]], recorder.Programs.ToArray());
        Assert.Empty(recorder.Alone);
        release.Dispose();
    }

    [Fact]
    public async Task Items_of_different_keys_never_share_a_program_and_a_lone_item_runs_alone()
    {
        using var pool = Pool(1);
        var (blocker, release) = Block(pool);
        var recorder = new Recorder();
        var a = recorder.Submit(pool, "a", 8, 1, TestContext.Current.CancellationToken);
        var b = recorder.Submit(pool, "b", 8, 2, TestContext.Current.CancellationToken);
        var a2 = recorder.Submit(pool, "a", 8, 3, TestContext.Current.CancellationToken);
        release.Set();
        await blocker;
        var results = await Task.WhenAll(a, b, a2);
        Assert.Equal([10, 20, 30], results);
        Assert.Equal([[1, 3]], recorder.Programs.ToArray());
        Assert.Equal([2], recorder.Alone.ToArray());
        release.Dispose();
    }

    [Fact]
    public async Task Queued_items_are_shared_among_the_slots()
    {
        using var pool = Pool(2);
        var (blocker1, release1) = Block(pool);
        var (blocker2, release2) = Block(pool);
        var recorder = new Recorder();
        var tasks = Enumerable.Range(0, 8).Select(v => recorder.Submit(pool, "a", 32, v)).ToList();
        release1.Set();
        release2.Set();
        await Task.WhenAll(blocker1, blocker2);
        await Task.WhenAll(tasks);
        // Eight queued, two slots: the first worker to look takes its half, four, not all eight; later ones at most theirs.
        Assert.Equal(4, recorder.Programs.Max(p => p.Length));
        Assert.Equal(8, recorder.Programs.Sum(p => p.Length) + recorder.Alone.Count);
        release1.Dispose();
        release2.Dispose();
    }

    [Fact]
    public async Task A_program_that_throws_runs_each_item_alone_and_a_cancelled_item_is_skipped()
    {
        using var pool = Pool(1);
        var (blocker, release) = Block(pool);
        var alone = new ConcurrentQueue<int>();
        using var cancel = new CancellationTokenSource();
        Task<int> Submit(int v, CancellationToken token) => pool.RunPackableAsync("k", 8, v,
            (x, _) =>
            {
                alone.Enqueue(x);
                return x + 1;
            },
            (_, _) => throw new InvalidOperationException("the program failed"), usesTorch: false, token);
        var first = Submit(1, CancellationToken.None);
        var cancelled = Submit(2, cancel.Token);
        var third = Submit(3, CancellationToken.None);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        release.Set();
        await blocker;
        var results = await Task.WhenAll(first, third);
        Assert.Equal([2, 4], results);
        Assert.Equal([1, 3], alone.ToArray());
        release.Dispose();
    }

    [Fact]
    public async Task A_program_that_returns_the_wrong_number_of_outcomes_runs_each_item_alone()
    {
        using var pool = Pool(1);
        var (blocker, release) = Block(pool);
        var alone = new ConcurrentQueue<int>();
        Task<int> Submit(int v) => pool.RunPackableAsync("k", 8, v,
            (x, _) =>
            {
                alone.Enqueue(x);
                return x * 2;
            },
            (values, _) => [(values[0] * 100, null)], usesTorch: false, TestContext.Current.CancellationToken);
        var tasks = new[] { Submit(1), Submit(2), Submit(3) };
        release.Set();
        await blocker;
        var results = await Task.WhenAll(tasks);
        Assert.Equal([2, 4, 6], results);
        Assert.Equal([1, 2, 3], alone.ToArray());
        release.Dispose();
    }
}
