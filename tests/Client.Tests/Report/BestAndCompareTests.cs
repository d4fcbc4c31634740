using System.Globalization;
using System.Text.Json;
using ContrastiveOrleans.Client.Report;
using ContrastiveOrleans.Grains.Contracts;

namespace ContrastiveOrleans.Client.Tests.Report;

/// <summary>`best` and `compare` on real runs, against numbers computed here from points.jsonl.</summary>
public sealed class BestAndCompareTests : IDisposable
{
    // t(0.975, 2) from a table: 3 seeds per configuration.
    private const double T2 = 4.302652729911275;

    private readonly CliRun _cli = new();

    public void Dispose() => _cli.Dispose();

    /// <summary>Three baselines (none trains, so temperature is a parameter they ignore) on a tiny mixture.</summary>
    private static string Sweep(string name, double condition) => $$"""
        name: {{name}}
        experiment: gmm-contrastive
        seeds: [0, 1, 2]
        params: {d: 8, k: 3, r: 2, n_train: 600, n_test: 200, condition: {{condition.ToString(CultureInfo.InvariantCulture)}}}
        grid:
          method: [lda, pca, random]
          temperature: [0.1, 0.5]
        curves:
          - {name: "distance <b>by</b> method", x: method, metric: subspace_distance, pool: [temperature]}
        """;

    private async Task<string> Run(string name, double condition)
    {
        var outDir = Path.Combine(_cli.Root, name);
        var (exit, stdout, stderr) = await CliRun.Invoke("run", _cli.Spec(Sweep(name, condition), name + ".yaml"), "--out", outDir, "--store", _cli.Store, "--workers", "2");
        Assert.True(exit == ExitCodes.Success, stdout + stderr);
        return outDir;
    }

    private static List<JsonElement> Points(string dir) =>
        [.. File.ReadAllLines(Path.Combine(dir, "points.jsonl")).Select(l => JsonDocument.Parse(l).RootElement.Clone())];

    [Fact]
    public async Task A_baseline_is_computed_once_for_every_value_of_a_parameter_it_ignores()
    {
        var dir = await Run("ignored", 100);
        var points = Points(dir);
        Assert.Equal(18, points.Count);
        // 3 methods x 3 seeds computed; each reused under the other temperature with its own parameters.
        Assert.Equal(9, points.Select(p => p.GetProperty("id").GetString()).Distinct().Count());
        Assert.Equal(2, points.Select(p => p.GetProperty("params").GetProperty("temperature").GetDouble()).Distinct().Count());
        foreach (var pair in points.GroupBy(p => p.GetProperty("id").GetString()))
        {
            Assert.Equal(2, pair.Count());
            Assert.Equal([0.1, 0.5], pair.Select(p => p.GetProperty("params").GetProperty("temperature").GetDouble()).Order());
            Assert.Single(pair.Select(p => p.GetProperty("metrics").GetProperty("subspace_distance").GetDouble()).Distinct());
        }
        // And `report` reads it back: a repeated id at two places of the sweep is not a repeated line.
        var (exit, _, stderr) = await CliRun.Invoke("report", dir);
        Assert.Equal((ExitCodes.Success, ""), (exit, stderr));
    }

    [Fact]
    public async Task Best_ranks_configurations_by_their_mean_over_seeds_with_the_student_t_interval()
    {
        var dir = await Run("best", 100);
        var expected = Points(dir)
            .GroupBy(p => (p.GetProperty("params").GetProperty("method").GetString()!, p.GetProperty("params").GetProperty("temperature").GetDouble()))
            .Select(g =>
            {
                var v = g.Select(p => p.GetProperty("metrics").GetProperty("subspace_distance").GetDouble()).ToList();
                var mean = v.Average();
                var sd = Math.Sqrt(v.Sum(x => (x - mean) * (x - mean)) / (v.Count - 1));
                return (Method: g.Key.Item1, Temperature: g.Key.Item2, Mean: mean, Low: mean - (T2 * sd / Math.Sqrt(3)), High: mean + (T2 * sd / Math.Sqrt(3)), N: v.Count);
            })
            .OrderBy(e => e.Mean).ToList();

        var (exit, stdout, stderr) = await CliRun.Invoke("best", dir, "--metric", "subspace_distance", "--top", "4");
        Assert.Equal((ExitCodes.Success, ""), (exit, stderr));
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("best 4 of 6 configurations by subspace_distance (lower is better)", lines[0], StringComparison.Ordinal);
        Assert.Equal(["rank", "mean", "ci_low", "ci_high", "n", "method", "temperature"], lines[1].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        var rows = lines.Skip(2).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
        Assert.Equal(4, rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            var e = expected[i];
            Assert.Equal((i + 1).ToString(CultureInfo.InvariantCulture), rows[i][0]);
            foreach (var (text, value) in new[] { (rows[i][1], e.Mean), (rows[i][2], e.Low), (rows[i][3], e.High) })
            {
                Assert.Equal(value, double.Parse(text, CultureInfo.InvariantCulture), Math.Max(1e-12, Math.Abs(value) * 1e-5));
            }
            Assert.Equal(("3", e.Method), (rows[i][4], rows[i][5]));
            Assert.Equal(e.Temperature, double.Parse(rows[i][6], CultureInfo.InvariantCulture));
        }

        // --max turns the order round.
        (exit, stdout, _) = await CliRun.Invoke("best", dir, "--metric", "subspace_distance", "--max", "--top", "1");
        Assert.Equal(ExitCodes.Success, exit);
        Assert.Equal(expected[^1].Method, stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)[2].Split(' ', StringSplitOptions.RemoveEmptyEntries)[5]);
    }

    [Theory]
    [InlineData("--metric nope", "--metric: 'nope' is not a metric of gmm-contrastive; one of")]
    [InlineData("--metric subspace_distance --max --min", "--max, --min: give one of them, not both")]
    [InlineData("--metric subspace_distance --top 0", "--top: '0' is not an integer in [1, 1000000]")]
    [InlineData("", "--metric: missing; one of")]
    public async Task Best_refuses_bad_flags_in_one_line(string flags, string message)
    {
        var dir = await Run("bad", 100);
        var (exit, stdout, stderr) = await CliRun.Invoke(["best", dir, .. flags.Split(' ', StringSplitOptions.RemoveEmptyEntries)]);
        Assert.Equal((ExitCodes.BadInput, ""), (exit, stdout));
        Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(message, stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Best_asks_for_a_direction_when_the_metric_has_none()
    {
        var yaml = "name: noop\nexperiment: bench-noop\ngrid: {x: [1, 2]}\n";
        var dir = Path.Combine(_cli.Root, "noop");
        Assert.Equal(ExitCodes.Success, (await CliRun.Invoke("run", _cli.Spec(yaml), "--out", dir, "--store", _cli.Store)).Exit);
        var (exit, _, stderr) = await CliRun.Invoke("best", dir, "--metric", "value");
        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.Contains("--max, --min: value has no better direction", stderr, StringComparison.Ordinal);
        var (ok, stdout, _) = await CliRun.Invoke("best", dir, "--metric", "value", "--max");
        Assert.Equal(ExitCodes.Success, ok);
        Assert.Equal(["1", "2", "-", "-", "1", "2"], stdout.Split('\n')[2].Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task Compare_prints_each_difference_from_the_first_run_and_writes_an_escaped_page_with_overlaid_plots()
    {
        var ct = TestContext.Current.CancellationToken;
        var anisotropic = await Run("anisotropic", 100);
        var isotropic = await Run("isotropic", 1);
        static Dictionary<string, double> Means(string dir) => Points(dir)
            .GroupBy(p => p.GetProperty("params").GetProperty("method").GetString()!)
            .ToDictionary(g => g.Key, g => g.Average(p => p.GetProperty("metrics").GetProperty("subspace_distance").GetDouble()));
        var (a, b) = (Means(anisotropic), Means(isotropic));
        var outDir = Path.Combine(_cli.Root, "compared");

        var (exit, stdout, stderr) = await CliRun.Invoke("compare", anisotropic, isotropic, "--out", outDir);
        Assert.True(exit == ExitCodes.Success, stdout + stderr);
        foreach (var method in new[] { "lda", "pca", "random" })
        {
            var line = stdout.Split('\n').Single(l => l.Contains($"method={method}:", StringComparison.Ordinal));
            var difference = double.Parse(line.Split(": ")[1].Split(' ')[0], CultureInfo.InvariantCulture);
            Assert.Equal(b[method] - a[method], difference, Math.Max(1e-12, Math.Abs(difference) * 1e-5));
            var bounds = line[(line.IndexOf('[', StringComparison.Ordinal) + 1)..line.IndexOf(']', StringComparison.Ordinal)].Split(", ")
                .Select(t => double.Parse(t, CultureInfo.InvariantCulture)).ToArray();
            Assert.True(bounds[0] <= difference && difference <= bounds[1], line);
            // temperature pooled, but a baseline ignores it: each seed's one computation counts once, not once per temperature.
            Assert.Contains("(n 3 / 3)", line, StringComparison.Ordinal);
        }

        var page = ReportHtml.Parse(await File.ReadAllTextAsync(Path.Combine(outDir, ComparePage.File), ct));
        Assert.Contains(page.Descendants("h2"), h => h.Value == "distance <b>by</b> method");
        Assert.Empty(page.Descendants("b"));
        Assert.Equal(3, page.Descendants("table").Single(t => (string?)t.Attribute("class") == "differences").Elements("tr").Count() - 1);
        Assert.True(File.Exists(Path.Combine(outDir, "plots", "distance__b_by__b__method.svg")));

        // In a browser: every plot loads, the hostile curve name is text, nothing runs.
        var shown = await HeadlessChromium.CheckAsync(Path.Combine(outDir, ComparePage.File), Path.Combine(_cli.Root, "compare.png"), ct);
        Assert.Equal(0, shown.GetProperty("scripts").GetInt32());
        Assert.Equal(1, shown.GetProperty("sections").GetInt32());
        Assert.All(shown.GetProperty("images").EnumerateArray(), i => Assert.True(i.GetProperty("complete").GetBoolean() && i.GetProperty("naturalWidth").GetInt32() == CurvePlotter.Width));
        Assert.Equal([], shown.GetProperty("dialogs").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal([], shown.GetProperty("consoleErrors").EnumerateArray().Select(e => e.GetString()));

        // --out that holds a compared run is refused before anything is written.
        (exit, _, stderr) = await CliRun.Invoke("compare", anisotropic, isotropic, "--out", _cli.Root);
        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.StartsWith("error: --out:", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(9)]
    public async Task Compare_takes_two_to_eight_runs_and_says_so_in_one_line(int count)
    {
        var (exit, stdout, stderr) = await CliRun.Invoke(["compare", .. Enumerable.Range(0, count).Select(i => Path.Combine(_cli.Root, $"run{i}"))]);
        Assert.Equal((ExitCodes.BadInput, ""), (exit, stdout));
        Assert.Equal($"error: DIR: give 2 to 8 output directories, not {count}", stderr.Trim());
    }

    [Fact]
    public void A_difference_interval_is_welchs()
    {
        // Equal standard errors and sizes: Welch's degrees of freedom are 2(n − 1) = 8; t(0.975, 4) and t(0.975, 8) from a table.
        const double t4 = 2.7764451051977987, t8 = 2.3060041350333709, se = 0.1;
        CurveRow baseline = new("c", "", "1", "m", 1.0, 1.0 - (t4 * se), 1.0 + (t4 * se), 5);
        CurveRow other = new("c", "", "1", "m", 1.5, 1.5 - (t4 * se), 1.5 + (t4 * se), 5);
        var d = CurveComparison.Differences("c", [baseline], "b", [other]).Single();
        Assert.Equal(0.5, d.Difference, 12);
        Assert.Equal(0.5 - (t8 * Math.Sqrt(2) * se), d.Low, 9);
        Assert.Equal(0.5 + (t8 * Math.Sqrt(2) * se), d.High, 9);
    }
}
