using ContrastiveOrleans.Client.Output;
using ContrastiveOrleans.Client.Report;
using ContrastiveOrleans.Grains.Contracts;

namespace ContrastiveOrleans.Client.Tests.Report;

public sealed class LiveReportTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"contrastive-live-{Guid.NewGuid():N}", "out");

    public void Dispose()
    {
        var root = Path.GetDirectoryName(_dir)!;
        if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
    }

    private static SweepProgress Progress(int finished, SweepState state = SweepState.Running) =>
        new(state, 10, 10 - finished, 0, finished, 0, 0, 0, DateTimeOffset.UnixEpoch, null);

    [Fact]
    public async Task Refreshes_create_the_directory_write_complete_pages_and_follow_the_refresher()
    {
        var time = new ManualTime(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var results = new List<PointResult>();
        var fetches = 0;
        using var warnings = new StringWriter();
        var live = new LiveReport(_dir, new ReportRefresher(TimeSpan.FromSeconds(10)), time,
            () =>
            {
                fetches++;
                return Task.FromResult(new LiveData([.. results], ReportSamples.NumericRows, []));
            },
            (data, p) => ReportSamples.Snapshot("live-demo", live: true) with { Summary = ResultSummary.Of(p, data.Failures), Rows = data.Rows, Curves = [ReportSamples.Numeric] },
            warnings);
        var ct = TestContext.Current.CancellationToken;

        await live.TickAsync(Progress(0), ct);
        Assert.Equal(1, live.Writes);
        var page = ReportHtml.Parse(await File.ReadAllTextAsync(Path.Combine(_dir, "report.html"), ct));
        Assert.Equal("0 of 4 finished", page.Descendants("td").First(td => td.Value.EndsWith("finished", StringComparison.Ordinal)).Value);
        Assert.True(File.Exists(Path.Combine(_dir, "plots", "subspace-vs-noise.svg")));
        Assert.True(File.Exists(Path.Combine(_dir, "plots", "subspace-vs-noise.png")));

        results.Add(ReportSamples.Done("{\"x\":1.0}", 1));
        time.Now += TimeSpan.FromSeconds(5);
        await live.TickAsync(Progress(1), ct);
        Assert.Equal((1, 1), (live.Writes, fetches));          // too soon: not even fetched

        time.Now += TimeSpan.FromSeconds(5);
        await live.TickAsync(Progress(1), ct);
        Assert.Equal(2, live.Writes);
        page = ReportHtml.Parse(await File.ReadAllTextAsync(Path.Combine(_dir, "report.html"), ct));
        Assert.Contains(page.Descendants("td"), td => td.Value == "1 of 4 finished");

        time.Now += TimeSpan.FromSeconds(30);
        await live.TickAsync(Progress(2, SweepState.Completed), ct);
        Assert.Equal(2, live.Writes);                          // the final page is the output directory's job
        Assert.Equal([Path.Combine(_dir, OutputMarker.FileName)], Directory.GetFiles(_dir, ".*", SearchOption.AllDirectories));   // no temp files left
        Assert.Equal("", warnings.ToString());
    }

    [Fact]
    public async Task A_refresh_that_cannot_write_warns_once_and_stops()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_dir)!);
        await File.WriteAllTextAsync(_dir, "a file where the directory should be", TestContext.Current.CancellationToken);
        var time = new ManualTime(DateTimeOffset.UnixEpoch);
        using var warnings = new StringWriter();
        var live = new LiveReport(_dir, new ReportRefresher(TimeSpan.Zero), time,
            () => Task.FromResult(LiveData.Empty),
            (_, _) => ReportSamples.Snapshot(), warnings);

        await live.TickAsync(Progress(0), TestContext.Current.CancellationToken);
        await live.TickAsync(Progress(1), TestContext.Current.CancellationToken);

        Assert.Equal(0, live.Writes);
        var line = Assert.Single(warnings.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("warning: live report in ", line, StringComparison.Ordinal);
    }
}
