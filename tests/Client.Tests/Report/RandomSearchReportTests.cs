using ContrastiveOrleans.Client.Report;

namespace ContrastiveOrleans.Client.Tests.Report;

public sealed class RandomSearchReportTests : IDisposable
{
    private readonly CliRun _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task A_random_search_gets_a_scatter_of_each_metric_against_each_sampled_number()
    {
        var ct = TestContext.Current.CancellationToken;
        const string yaml = """
            name: search
            experiment: bench-noop
            random:
              draws: 6
              space: {x: {uniform: [0, 1]}, sleep_ms: {choice: [0, 1]}}
            curves:
              - {name: value-vs-x, x: x, metric: value}
            """;
        var (exit, stdout, stderr) = await CliRun.Invoke("run", _cli.Spec(yaml), "--out", _cli.Out, "--store", _cli.Store);
        Assert.True(exit == ExitCodes.Success, stdout + stderr);

        var page = ReportHtml.Parse(await File.ReadAllTextAsync(Path.Combine(_cli.Out, "report.html"), ct));
        var section = page.Descendants("section").Single(s => (string?)s.Attribute("class") == "scatter");
        // Every numeric dimension, a numeric choice too.
        Assert.Equal(["value against x", "value against sleep_ms"], section.Elements("h3").Select(e => e.Value));
        Assert.All(section.Elements("p").Skip(1), p => Assert.StartsWith("6 points.", p.Value, StringComparison.Ordinal));
        foreach (var stem in new[] { "scatter-value-x", "scatter-value-sleep_ms" })
        {
            Assert.True(File.Exists(Path.Combine(_cli.Out, "plots", stem + ".svg")), stem);
            Assert.Equal((CurvePlotter.Width, CurvePlotter.Height), PlotFiles.PngSize(await File.ReadAllBytesAsync(Path.Combine(_cli.Out, "plots", stem + ".png"), ct)));
        }
        // `report` rebuilds the same files (they are on the output's list, so the directory stays its own).
        (exit, _, stderr) = await CliRun.Invoke("report", _cli.Out);
        Assert.Equal((ExitCodes.Success, ""), (exit, stderr));
    }
}
