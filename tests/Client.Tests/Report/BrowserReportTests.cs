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
        Assert.Equal(0, page.GetProperty("scripts").GetInt32());
        Assert.Equal(snapshot.Curves.Count, page.GetProperty("sections").GetInt32());
        var images = page.GetProperty("images").EnumerateArray().ToList();
        Assert.Equal(snapshot.Curves.Count, images.Count);
        Assert.All(images, i => Assert.True(i.GetProperty("complete").GetBoolean() && i.GetProperty("naturalWidth").GetInt32() == CurvePlotter.Width,
            $"plot '{i.GetProperty("alt").GetString()}' did not load"));
        Assert.Equal([], page.GetProperty("consoleErrors").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal([], page.GetProperty("dialogs").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal((1100, true), (PlotFiles.PngSize(await File.ReadAllBytesAsync(screenshot, ct)).Width, new FileInfo(screenshot).Length > 10_000));
    }
}
