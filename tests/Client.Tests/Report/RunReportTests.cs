using ContrastiveOrleans.Client.Output;

namespace ContrastiveOrleans.Client.Tests.Report;

public sealed class RunReportTests : IDisposable
{
    private readonly CliRun _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task A_run_of_sleeping_points_ends_with_a_complete_final_report_and_no_temp_files()
    {
        const string sweep = """
            name: sleepy
            experiment: bench-noop
            seeds: 2
            params: {sleep_ms: 300}
            grid: {x: [1, 2, 3]}
            curves: [{name: value-vs-x, x: x, metric: value}]
            """;
        var (exit, _, stderr) = await CliRun.Invoke("run", _cli.Spec(sweep), "--out", _cli.Out, "--store", _cli.Store, "--workers", "2");
        Assert.Equal((ExitCodes.Success, ""), (exit, stderr));

        var ct = TestContext.Current.CancellationToken;
        var page = ReportHtml.Parse(await File.ReadAllTextAsync(Path.Combine(_cli.Out, "report.html"), ct));
        var summary = page.Descendants("table").First().Elements("tr").ToDictionary(r => r.Element("th")!.Value, r => r.Element("td")!.Value);
        Assert.Equal("6 of 6 finished", summary["points"]);
        Assert.Matches(@"^\d+\.\d s$", summary["wall time"]);
        Assert.DoesNotContain(page.Descendants("p"), p => (string?)p.Attribute("class") == "live");
        // value = x for bench-noop: the table shows x, mean = x, interval [x, x], n = 2.
        var rows = page.Descendants("section").Where(s => (string?)s.Attribute("class") == "curve").Single().Descendants("tr").Skip(1).Select(r => string.Join(' ', r.Elements("td").Select(td => td.Value)));
        Assert.Equal(["1 1 1 1 2", "2 2 2 2 2", "3 3 3 3 2"], rows);
        Assert.Equal(["value-vs-x.png", "value-vs-x.svg"], Directory.GetFiles(Path.Combine(_cli.Out, "plots")).Select(Path.GetFileName).Order());
        Assert.Equal([Path.Combine(_cli.Out, OutputMarker.FileName)], Directory.GetFiles(_cli.Out, ".*", SearchOption.AllDirectories));
        Assert.Empty(Directory.GetDirectories(_cli.Root, ".*"));
    }

    [Fact]
    public async Task Conformal_coverage_plots_carry_the_one_minus_alpha_target_and_other_metrics_do_not()
    {
        const string sweep = """
            name: conformal-mini
            experiment: conformal-sets
            seeds: 2
            params: {data: sim-clusters, set: ball, points_per_cluster: 100, positives: 20, negatives: 20}
            grid: {alpha: [0.1, 0.2]}
            curves:
              - {name: coverage-vs-alpha, x: alpha, metric: coverage}
              - {name: threshold-vs-alpha, x: alpha, metric: threshold}
            """;
        var (exit, _, stderr) = await CliRun.Invoke("run", _cli.Spec(sweep), "--out", _cli.Out, "--store", _cli.Store);
        Assert.Equal((ExitCodes.Success, ""), (exit, stderr));

        var ct = TestContext.Current.CancellationToken;
        var coverage = PlotFiles.SvgTexts(await File.ReadAllTextAsync(Path.Combine(_cli.Out, "plots", "coverage-vs-alpha.svg"), ct));
        var threshold = PlotFiles.SvgTexts(await File.ReadAllTextAsync(Path.Combine(_cli.Out, "plots", "threshold-vs-alpha.svg"), ct));
        Assert.Contains("target 1 − α", coverage);
        Assert.DoesNotContain("target 1 − α", threshold);
    }
}
