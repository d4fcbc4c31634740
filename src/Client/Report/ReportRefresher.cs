namespace ContrastiveOrleans.Client.Report;

/// <summary>
/// When the live report is rewritten: once at the start (so the page exists to open), then at most every
/// <see cref="Interval"/> and only when more points have finished since the last write.
/// </summary>
public sealed class ReportRefresher(TimeSpan interval)
{
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(HtmlReport.LiveReloadSeconds);

    private DateTimeOffset? _lastWrite;
    private long _lastFinished;

    public TimeSpan Interval { get; } = interval;

    public bool IsDue(DateTimeOffset now, long finished) =>
        _lastWrite is not { } last || (finished > _lastFinished && now - last >= Interval);

    public void Written(DateTimeOffset now, long finished)
    {
        _lastWrite = now;
        _lastFinished = finished;
    }
}
