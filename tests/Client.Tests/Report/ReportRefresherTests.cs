using ContrastiveOrleans.Client.Report;

namespace ContrastiveOrleans.Client.Tests.Report;

public sealed class ReportRefresherTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void First_write_is_due_at_once_even_without_results()
    {
        var refresher = new ReportRefresher(TimeSpan.FromSeconds(10));
        Assert.True(refresher.IsDue(T0, finished: 0));
    }

    [Fact]
    public void Later_writes_need_both_new_results_and_the_interval_elapsed()
    {
        var refresher = new ReportRefresher(TimeSpan.FromSeconds(10));
        refresher.Written(T0, finished: 3);

        Assert.False(refresher.IsDue(T0.AddSeconds(9.999), finished: 10));   // new results, too soon
        Assert.False(refresher.IsDue(T0.AddSeconds(60), finished: 3));       // late enough, nothing new
        Assert.True(refresher.IsDue(T0.AddSeconds(10), finished: 4));        // both: exactly one interval later
        refresher.Written(T0.AddSeconds(10), finished: 4);
        Assert.False(refresher.IsDue(T0.AddSeconds(15), finished: 9));
        Assert.True(refresher.IsDue(T0.AddSeconds(20), finished: 5));
    }
}
