using ContrastiveOrleans.Grains.Durability;
using ContrastiveOrleans.Grains.Resilience;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;

namespace ContrastiveOrleans.Cluster.Tests;

public sealed class DurabilityTests
{
    [Fact]
    public async Task Point_retries_back_off_exponentially_with_jitter_so_many_callers_do_not_retry_in_lockstep()
    {
        // 200 callers whose first call fails at the same instant (their silo died), as a sweep's points do.
        var options = GrainResilience.PointCallOptions(NullLogger.Instance);
        Assert.Equal((11, DelayBackoffType.Exponential, true), (options.MaxRetryAttempts, options.BackoffType, options.UseJitter));
        var firstDelays = new List<double>();
        var delays = new List<double>();
        options.Delay = TimeSpan.FromMilliseconds(1);
        options.MaxDelay = TimeSpan.FromMilliseconds(8);
        var onRetry = options.OnRetry;
        options.OnRetry = args =>
        {
            lock (delays)
            {
                delays.Add(args.RetryDelay.TotalMilliseconds);
                if (args.AttemptNumber == 0) firstDelays.Add(args.RetryDelay.TotalMilliseconds);
            }
            return onRetry!(args);
        };
        var pipeline = GrainResilience.Pipeline(options);
        await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => pipeline.ExecuteAsync(async ct =>
        {
            await Task.Yield();
            throw new TimeoutException("silo gone");
        }).AsTask().ContinueWith(t => Assert.IsType<TimeoutException>(t.Exception!.InnerException), TaskScheduler.Default)));
        // Every caller retried 11 times, never beyond the cap; the first retries are spread, not one instant.
        Assert.Equal(200 * 11, delays.Count);
        Assert.All(delays, d => Assert.InRange(d, 0, 8));
        Assert.True(firstDelays.Distinct().Count() > 100, $"only {firstDelays.Distinct().Count()} distinct first delays of 200");
    }

    [Fact]
    public async Task A_cancelled_point_call_is_not_retried()
    {
        var pipeline = GrainResilience.Pipeline(GrainResilience.PointCallOptions(NullLogger.Instance));
        using var cancel = new CancellationTokenSource();
        var calls = 0;
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pipeline.ExecuteAsync(ct =>
        {
            calls++;
            throw new OperationCanceledException(ct);
        }, cancel.Token).AsTask());
        Assert.InRange(calls, 0, 1);
    }

    [Fact]
    public async Task A_failing_state_write_is_retried_until_it_succeeds_and_later_requests_collapse()
    {
        var calls = 0;
        var writer = new SerializedStateWriter(() =>
        {
            calls++;
            return calls <= 2 ? Task.FromException(new IOException("storage down")) : Task.CompletedTask;
        }, NullLogger.Instance);
        var first = writer.FlushAsync();
        // Requested while the first write is still retrying: one more write at most, not two.
        var second = writer.FlushAsync();
        var third = writer.FlushAsync();
        await Task.WhenAll(first, second, third).WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        Assert.False(writer.IsDirty);
        Assert.InRange(calls, 3, 4);
        await writer.FlushIfDirtyAsync();
        Assert.InRange(calls, 3, 4);
    }
}
