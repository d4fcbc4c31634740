using ContrastiveOrleans.Client.Report;

namespace ContrastiveOrleans.Client.Tests.Report;

public sealed class BrowserReportTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"contrastive-browser-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task Chromium_shows_every_plot_the_hostile_name_as_text_without_errors_or_dialogs()
    {
        var ct = TestContext.Current.CancellationToken;
        var snapshot = ReportSamples.Snapshot();
        Directory.CreateDirectory(_dir);
        await ReportWriter.WriteAsync(_dir, snapshot, ct);
        var artifacts = Path.Combine(HeadlessChromium.RepoRoot, "artifacts", "test");
        Directory.CreateDirectory(artifacts);
        var screenshot = Path.Combine(artifacts, "report-screenshot.png");
        if (File.Exists(screenshot)) File.Delete(screenshot);

        var page = await HeadlessChromium.CheckAsync(Path.Combine(_dir, "report.html"), screenshot, ct);

        Assert.Equal(ReportSamples.Hostile, page.GetProperty("h1").GetString());
        Assert.StartsWith(ReportSamples.Hostile, page.GetProperty("title").GetString(), StringComparison.Ordinal);
        // One script: the points table's sort and filter (no data in it).
        Assert.Equal(1, page.GetProperty("scripts").GetInt32());
        Assert.Equal(snapshot.Curves.Count, page.GetProperty("sections").GetInt32());
        var images = page.GetProperty("images").EnumerateArray().ToList();
        Assert.Equal(snapshot.Curves.Count, images.Count);
        Assert.All(images, i => Assert.True(i.GetProperty("complete").GetBoolean() && i.GetProperty("naturalWidth").GetInt32() == CurvePlotter.Width,
            $"plot '{i.GetProperty("alt").GetString()}' did not load"));
        Assert.Equal([], page.GetProperty("consoleErrors").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal([], page.GetProperty("dialogs").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal((1100, true), (PlotFiles.PngSize(await File.ReadAllBytesAsync(screenshot, ct)).Width, new FileInfo(screenshot).Length > 10_000));
    }

    [Fact]
    public async Task The_points_table_lists_every_point_sorts_numerically_both_ways_and_filters_by_column()
    {
        var ct = TestContext.Current.CancellationToken;
        double[] values = [3, 10, 2.5, -1, 100];
        var points = values.Select((v, i) => ReportSamples.Done($"{{\"kind\":\"{ReportSamples.Hostile}\",\"x\":{i}.0}}", v)).ToList();
        var failed = ReportSamples.Failure($"boom {ReportSamples.Hostile}", $"{{\"kind\":\"{ReportSamples.Hostile}\",\"x\":9.0}}") with { Id = "ffffffffffffffffffffffffffffffff" };
        var snapshot = ReportSamples.Snapshot() with { Summary = ResultSummary.Of([.. points, failed]) };
        Directory.CreateDirectory(_dir);
        await ReportWriter.WriteAsync(_dir, snapshot, ct);

        var page = await HeadlessChromium.CheckAsync(Path.Combine(_dir, "report.html"), Path.Combine(_dir, "shot.png"), ct, sortColumn: "value", filter: "status=failed");

        var table = page.GetProperty("table");
        Assert.Equal([.. points.Select(p => p.Id), failed.Id], table.GetProperty("ids").EnumerateArray().Select(e => e.GetString()));
        // Numeric order (text order would put 10 and 100 before 2.5); the failed point has no value and sorts last.
        Assert.Equal(["-1", "2.5", "3", "10", "100", ""], table.GetProperty("ascending").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["100", "10", "3", "2.5", "-1", ""], table.GetProperty("descending").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal([failed.Id], table.GetProperty("visible").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("1 of 6 shown", table.GetProperty("shown").GetString());
        Assert.Equal([], page.GetProperty("dialogs").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal([], page.GetProperty("consoleErrors").EnumerateArray().Select(e => e.GetString()));
    }
}
