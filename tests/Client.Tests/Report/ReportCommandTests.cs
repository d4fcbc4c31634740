using System.Globalization;
using ContrastiveOrleans.Client.Report;
using ContrastiveOrleans.Experiments.Abstractions;
using ContrastiveOrleans.Grains.Stats;
using Parquet;

namespace ContrastiveOrleans.Client.Tests.Report;

public sealed class ReportCommandTests : IDisposable
{
    private readonly CliRun _cli = new();

    public void Dispose() => _cli.Dispose();

    private const string Sweep = """
        name: report-demo
        experiment: bench-noop
        seeds: 3
        grid:
          x: [1, 2.5, 100]
          fail: [false, true]
        curves:
          - {name: value-vs-x, x: x, series: fail, metric: value}
          - {name: seed-by-fail, x: fail, metric: seed, pool: [x]}
        """;

    private async Task RunSweep()
    {
        var (exit, _, _) = await CliRun.Invoke("run", _cli.Spec(Sweep), "--out", _cli.Out, "--store", _cli.Store, "--workers", "2");
        Assert.Equal(ExitCodes.PointsFailed, exit);
    }

    [Fact]
    public async Task Run_writes_plots_and_a_final_report_and_report_DIR_rebuilds_them_from_the_files_with_the_same_numbers()
    {
        await RunSweep();
        var ct = TestContext.Current.CancellationToken;
        var page = ReportHtml.Parse(await File.ReadAllTextAsync(Path.Combine(_cli.Out, "report.html"), ct));
        Assert.Equal(2, page.Descendants("section").Where(s => (string?)s.Attribute("class") == "curve").Count());
        Assert.DoesNotContain(page.Descendants("meta"), m => m.Attribute("http-equiv") is not null);
        foreach (var stem in new[] { "value-vs-x", "seed-by-fail" })
        {
            Assert.True(File.Exists(Path.Combine(_cli.Out, "plots", stem + ".svg")));
            Assert.Equal((CurvePlotter.Width, CurvePlotter.Height), PlotFiles.PngSize(await File.ReadAllBytesAsync(Path.Combine(_cli.Out, "plots", stem + ".png"), ct)));
        }

        Directory.Delete(Path.Combine(_cli.Out, "plots"), recursive: true);
        File.Delete(Path.Combine(_cli.Out, "report.html"));
        var (exit, stdout, stderr) = await CliRun.Invoke("report", _cli.Out);
        Assert.Equal((ExitCodes.Success, ""), (exit, stderr));
        Assert.Contains("report.html and 2 plots", stdout, StringComparison.Ordinal);

        // Re-aggregating points.jsonl with the engine's fold gives curves.csv byte for byte.
        var curvesCsv = await File.ReadAllTextAsync(Path.Combine(_cli.Out, "curves.csv"), ct);
        var output = await OutputReader.ReadAsync(_cli.Out, ExperimentCatalog.Default, ct);
        var aggregator = new CurveAggregator(output.Spec.Curves);
        await foreach (var r in OutputReader.Results(output, ct)) aggregator.Add(r);
        Assert.Equal(curvesCsv, CurvesCsv.Format(aggregator.Rows()));

        // The rebuilt page shows those numbers: each table row matches a curves.csv row (6 significant digits).
        page = ReportHtml.Parse(await File.ReadAllTextAsync(Path.Combine(_cli.Out, "report.html"), ct));
        var csvRows = curvesCsv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(',')).ToList();
        var shown = page.Descendants("section").Where(s => (string?)s.Attribute("class") == "curve").SelectMany(s =>
        {
            var curve = s.Element("h2")!.Value;
            return s.Descendants("tr").Skip(1).Select(tr => (curve, cells: tr.Elements("td").Select(td => td.Value).ToArray()));
        }).ToList();
        Assert.Equal(csvRows.Count, shown.Count);
        foreach (var (curve, cells) in shown)
        {
            // seed-by-fail has no series column: its cells are x, mean, low, high, n.
            var (series, x, numbers) = cells.Length == 6 ? (cells[0], cells[1], cells[2..]) : ("", cells[0], cells[1..]);
            var csv = Assert.Single(csvRows, r => r[0] == curve && r[1] == series && r[2] == x);
            for (var k = 0; k < 3; k++)
            {
                var expected = double.Parse(csv[4 + k], CultureInfo.InvariantCulture);
                Assert.Equal(expected, double.Parse(numbers[k], CultureInfo.InvariantCulture), Math.Max(1e-12, Math.Abs(expected) * 1e-5));
            }
            Assert.Equal(csv[7], numbers[3]);
        }
        // Hand check: seed-by-fail pools (as its curve says) the 9 done points (three x values): mean 1, s = √(6/8), half-width t(0.975, 8) = 2.306004 times s/3.
        var pooled = Assert.Single(shown, s => s.curve == "seed-by-fail").cells;
        Assert.Equal(["false", "1", "0.334314", "1.66569", "9"], pooled);
        Assert.Empty(Directory.GetDirectories(_cli.Root, ".*"));
    }

    [Fact]
    public async Task Format_csv_and_parquet_export_one_flat_row_per_point()
    {
        await RunSweep();
        var ct = TestContext.Current.CancellationToken;
        string[] columns = ["id", "seed", "status", "error", "duration_ms", "cached", "params.fail", "params.sleep_ms", "params.x", "metrics.seed", "metrics.value",
            "provenance.host", "provenance.device", "provenance.threads", "provenance.started_at", "provenance.finished_at",
            "provenance.tool", "provenance.commit", "provenance.experiment_version", "provenance.torchsharp", "provenance.libtorch"];

        var (exit, _, stderr) = await CliRun.Invoke("report", _cli.Out, "--format", "csv");
        Assert.Equal((ExitCodes.Success, ""), (exit, stderr));
        var lines = await File.ReadAllLinesAsync(Path.Combine(_cli.Out, "points.csv"), ct);
        Assert.Equal(string.Join(',', columns), lines[0]);
        Assert.Equal(18, lines.Length - 1);
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToList();
        foreach (var r in rows)
        {
            var failed = r[6] == "true";
            Assert.Equal(failed ? "failed" : "done", r[2]);
            Assert.Equal(failed ? "failed on purpose (fail: true)" : "", r[3]);
            Assert.Equal(failed ? "" : r[8], r[10]);        // bench-noop echoes x as its value
            Assert.Equal(failed ? "" : r[1], r[9]);         // ... and the seed as metric seed
            Assert.Equal((Environment.MachineName, "cpu", "1"), (r[11], r[12], r[13]));   // where and how it ran
        }
        Assert.Equal(["1", "2.5", "100"], rows.Select(r => r[8]).Distinct());

        (exit, _, stderr) = await CliRun.Invoke("report", _cli.Out, "--format", "parquet");
        Assert.Equal((ExitCodes.Success, ""), (exit, stderr));
        await using var file = File.OpenRead(Path.Combine(_cli.Out, "points.parquet"));
        await using var reader = await ParquetReader.CreateAsync(file, cancellationToken: ct);
        Assert.Equal(columns, reader.Schema.DataFields.Select(f => f.Name));
        using var group = reader.OpenRowGroupReader(0);
        Assert.Equal(18, group.RowCount);
        var values = new double?[18];
        await group.ReadAsync<double>(reader.Schema.DataFields[10], values, null, ct);
        var xs = new double?[18];
        await group.ReadAsync<double>(reader.Schema.DataFields[8], xs, null, ct);
        var fails = new bool?[18];
        await group.ReadAsync<bool>(reader.Schema.DataFields[6], fails, null, ct);
        for (var i = 0; i < 18; i++) Assert.Equal(fails[i] == true ? null : xs[i], values[i]);
    }

    private string GoodDir()
    {
        var dir = Path.Combine(_cli.Root, "given");
        Directory.CreateDirectory(dir);
        const string yaml = "name: ok\nexperiment: bench-noop\ngrid: {x: [1, 2]}\ncurves: [{name: c, x: x, metric: value}]\n";
        File.WriteAllText(Path.Combine(dir, "sweep.yaml"), yaml);
        // A result of the sweep's first point, under its real id (the report refuses lines of other sweeps).
        var point = Sweeps.SweepExpander.Expand(new Sweeps.SweepSpecParser(Experiments.Abstractions.ExperimentCatalog.Default).Parse(yaml)).Points().First();
        File.WriteAllText(Path.Combine(dir, "points.jsonl"),
            Grains.Storage.PointResultJson.ToJson(ReportSamples.Done(point.ParamsJson, 1) with { Id = point.Id }) + "\n");
        return dir;
    }

    [Theory]
    [InlineData("nodir", "is not a directory; give the output directory of a run")]
    [InlineData("no-sweep", "sweep.yaml: missing")]
    [InlineData("bad-sweep", "sweep.yaml: experiment: 'nope' is not one of")]
    [InlineData("no-points", "points.jsonl: missing")]
    [InlineData("bad-json", "points.jsonl: line 2 is not a point result")]
    [InlineData("bad-field", "points.jsonl: line 1 is not a point result (a field is missing)")]
    [InlineData("bad-format", "--format: 'xlsx' is not one of csv, parquet")]
    public async Task Bad_input_is_one_line_naming_the_file_exit_2_and_writes_nothing(string problem, string expected)
    {
        var dir = GoodDir();
        var extra = new List<string>();
        switch (problem)
        {
            case "nodir": dir = Path.Combine(_cli.Root, "absent"); break;
            case "no-sweep": File.Delete(Path.Combine(dir, "sweep.yaml")); break;
            case "bad-sweep": File.WriteAllText(Path.Combine(dir, "sweep.yaml"), "name: b\nexperiment: nope\n"); break;
            case "no-points": File.Delete(Path.Combine(dir, "points.jsonl")); break;
            case "bad-json": File.AppendAllText(Path.Combine(dir, "points.jsonl"), "{\"id\": \n"); break;
            case "bad-field": File.WriteAllText(Path.Combine(dir, "points.jsonl"), "{\"id\": \"x\"}\n"); break;
            case "bad-format": extra.AddRange(["--format", "xlsx"]); break;
        }
        var (exit, stdout, stderr) = await CliRun.Invoke(["report", dir, .. extra]);
        Assert.Equal((ExitCodes.BadInput, ""), (exit, stdout));
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: ", line, StringComparison.Ordinal);
        Assert.Contains(expected, line, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(dir, "report.html")));
    }

    [Fact]
    public async Task Report_without_DIR_says_what_to_give()
    {
        var (exit, _, stderr) = await CliRun.Invoke("report");
        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.Equal("error: DIR: missing; give the output directory of a run", stderr.Trim());
    }
}
