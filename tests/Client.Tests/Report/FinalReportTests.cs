using ContrastiveOrleans.Client.Report;
using ContrastiveOrleans.Experiments.Abstractions;
using ContrastiveOrleans.Sweeps;

namespace ContrastiveOrleans.Client.Tests.Report;

public sealed class FinalReportTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"contrastive-final-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    private static SweepPlan Plan() => SweepExpander.Expand(new SweepSpecParser(ExperimentCatalog.Default)
        .Parse("name: f\nexperiment: bench-noop\ngrid: {x: [1, 2]}\ncurves: [{name: c, x: x, metric: value}]\n"));

    [Fact]
    public async Task Final_report_goes_into_the_given_directory()
    {
        Directory.CreateDirectory(_dir);
        using var warnings = new StringWriter();
        await RunReport.Final(Plan(), () => TimeSpan.FromSeconds(1), warnings)(_dir, ResultSummary.Of([ReportSamples.Done("{\"fail\":false,\"sleep_ms\":0,\"x\":1.0}", 1)]), []);

        Assert.Equal("", warnings.ToString());
        Assert.True(File.Exists(Path.Combine(_dir, "report.html")));
        Assert.True(File.Exists(Path.Combine(_dir, "plots", "c.svg")));
    }

    [Fact]
    public async Task A_report_that_cannot_be_written_warns_and_does_not_fail_the_output()
    {
        Directory.CreateDirectory(_dir);
        await File.WriteAllTextAsync(Path.Combine(_dir, "plots"), "a file in the way", TestContext.Current.CancellationToken);
        using var warnings = new StringWriter();

        await RunReport.Final(Plan(), () => TimeSpan.FromSeconds(1), warnings)(_dir, new ResultSummary(), []);

        Assert.StartsWith("warning: report.html and plots/ not written: ", warnings.ToString(), StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_dir, "report.html")));
    }
}
