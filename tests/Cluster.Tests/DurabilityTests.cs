using ContrastiveOrleans.Grains.Durability;
using Microsoft.Extensions.Logging.Abstractions;

namespace ContrastiveOrleans.Cluster.Tests;

public sealed class DurabilityTests
{
    [Fact]
    public void Point_retries_back_off_by_doubling_up_to_the_cap_and_stop_after_the_last_attempt()
    {
        var policy = new PointRetryPolicy();
        var delays = new List<double>();
        for (var attempt = 1; policy.ShouldRetry(attempt, out var delay); attempt++) delays.Add(delay.TotalSeconds);
        // 0.25 s doubling, capped at 8 s; 12 attempts means 11 waits: 0.25+0.5+1+2+4+8*6 = 55.75 s in all.
        Assert.Equal([0.25, 0.5, 1, 2, 4, 8, 8, 8, 8, 8, 8], delays);
        Assert.Equal(55.75, delays.Sum());
    }

    [Fact]
    public async Task A_failing_state_write_is_retried_until_it_succeeds_and_later_requests_collapse()
    {
        var calls = 0;
        var writer = new SerializedStateWriter(() =>
        {
            calls++;
            return calls <= 2 ? Task.FromException(new IOException("storage down")) : Task.CompletedTask;
        }, NullLogger.Instance, TimeSpan.FromMilliseconds(300));
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
