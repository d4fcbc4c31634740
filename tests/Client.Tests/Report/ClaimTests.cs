using ContrastiveOrleans.Client.Report;
using ContrastiveOrleans.Experiments.Abstractions;
using ContrastiveOrleans.Grains.Contracts;
using ContrastiveOrleans.Sweeps;

namespace ContrastiveOrleans.Client.Tests.Report;

/// <summary>Claims in a sweep file: verdicts against hand-computed intervals, bad claims as one line, `verify`.</summary>
public sealed class ClaimTests : IDisposable
{
    // bench-noop: value = x, metric seed = the seed. 4 seeds x 2 values of x.
    private const string Sweep = """
        name: claims-demo
        experiment: bench-noop
        seeds: [0, 1, 2, 3]
        grid: {x: [1, 2]}
        claims:
          - {name: seed-at-least-0, source: "hand", metric: seed, at_least: 0}
          - {name: seed-at-least-3, metric: seed, at_least: 3}
          - {name: seed-at-least-1, metric: seed, at_least: 1}
          - {name: value-gap, metric: value, difference: {a: {x: 2}, b: {x: 1}, at_least: 0.5}}
          - {name: seed-paired, metric: seed, difference: {a: {x: 2}, b: {x: 1}, at_most: 0.1}}
          - {name: where-x2, metric: value, where: {x: 2}, at_least: 2}
        """;

    private readonly CliRun _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Verdicts_follow_the_95_percent_interval_paired_by_seed()
    {
        var ct = TestContext.Current.CancellationToken;
        var (exit, stdout, stderr) = await CliRun.Invoke("run", _cli.Spec(Sweep), "--out", _cli.Out, "--store", _cli.Store);
        Assert.True(exit == ExitCodes.Success, stdout + stderr);
        var rows = (await File.ReadAllLinesAsync(Path.Combine(_cli.Out, ClaimsCsv.File), ct)).Skip(1).Select(l => l.Split(',')).ToDictionary(f => f[0]);

        // The seeds 0..3 under both x: 8 values, mean 1.5, s = √(10/7); half-width t(0.975, 7) = 2.3646242516 × s/√8.
        var half = 2.3646242515927849 * Math.Sqrt(10.0 / 7) / Math.Sqrt(8);
        Assert.Equal(("8", "holds"), (rows["seed-at-least-0"][3], rows["seed-at-least-0"][7]));
        Assert.Equal(1.5 - half, double.Parse(rows["seed-at-least-0"][5], System.Globalization.CultureInfo.InvariantCulture), 12);
        Assert.Equal(1.5 + half, double.Parse(rows["seed-at-least-0"][6], System.Globalization.CultureInfo.InvariantCulture), 12);
        Assert.Equal("fails", rows["seed-at-least-3"][7]);
        Assert.Equal("inconclusive", rows["seed-at-least-1"][7]);
        // The interval clears 1 at about 4 · (half / 0.5)² seeds.
        Assert.Equal($"about {Math.Ceiling(4 * (half / 0.5) * (half / 0.5))} seeds would likely settle it (now 4)", rows["seed-at-least-1"][8]);
        // Paired by seed: value(x=2) − value(x=1) is exactly 1 for every seed; seed − seed is exactly 0 (unpaired, the
        // seeds' spread would make it inconclusive).
        Assert.Equal(("4", "1", "holds"), (rows["value-gap"][3], rows["value-gap"][4], rows["value-gap"][7]));
        Assert.Equal(("4", "0", "holds"), (rows["seed-paired"][3], rows["seed-paired"][4], rows["seed-paired"][7]));
        Assert.Equal(("4", "2", "holds"), (rows["where-x2"][3], rows["where-x2"][4], rows["where-x2"][7]));

        var page = ReportHtml.Parse(await File.ReadAllTextAsync(Path.Combine(_cli.Out, "report.html"), ct));
        var table = page.Descendants("table").Single(t => (string?)t.Attribute("class") == "claims");
        Assert.Equal(6, table.Elements("tr").Count() - 1);
        // `report` rebuilds the same verdicts from the files.
        var before = await File.ReadAllTextAsync(Path.Combine(_cli.Out, ClaimsCsv.File), ct);
        File.Delete(Path.Combine(_cli.Out, ClaimsCsv.File));
        Assert.Equal(ExitCodes.Success, (await CliRun.Invoke("report", _cli.Out)).Exit);
        Assert.Equal(before, await File.ReadAllTextAsync(Path.Combine(_cli.Out, ClaimsCsv.File), ct));
    }

    [Theory]
    [InlineData("{name: c, metric: nope, at_least: 0}", "claims[0].metric", "'nope' is not a metric of bench-noop; one of value, seed")]
    [InlineData("{name: c, metric: value, where: {nope: 1}, at_least: 0}", "claims[0].where.nope", "'nope' is not a key of grid, random.space or params")]
    [InlineData("{name: c, metric: value, where: {x: [5]}, at_least: 0}", "claims[0].where.x", "5.0 is not a value the sweep gives x; one of 1.0, 2.0")]
    [InlineData("{name: c, metric: value, at_least: 0, at_most: 1}", "claims[0].at_least", "give exactly one of at_least or at_most")]
    [InlineData("{name: c, metric: value}", "claims[0].at_least", "give exactly one of at_least or at_most")]
    [InlineData("{name: c, metric: value, difference: {a: {x: 2}, b: {fail: true}, at_least: 0}}", "claims[0].difference.b", "a and b must set the same axes")]
    public void A_bad_claim_is_one_line_naming_the_field(string claim, string path, string message)
    {
        var yaml = $"name: bad\nexperiment: bench-noop\ngrid: {{x: [1, 2], fail: [false, true]}}\nclaims:\n  - {claim}\n";
        var error = Assert.Throws<SweepSpecException>(() => new SweepSpecParser(ExperimentCatalog.Default).Parse(yaml)).Error;
        Assert.Equal(path, error.Path);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_runs_the_files_with_claims_and_exits_1_naming_a_claim_that_does_not_hold()
    {
        var ct = TestContext.Current.CancellationToken;
        var dir = Path.Combine(_cli.Root, "sweeps");
        Directory.CreateDirectory(dir);
        await File.WriteAllTextAsync(Path.Combine(dir, "a.yaml"), Sweep, ct);
        await File.WriteAllTextAsync(Path.Combine(dir, "b.yaml"), "name: no-claims\nexperiment: bench-noop\n", ct);
        var report = Path.Combine(_cli.Root, "verify");
        var runs = Path.Combine(_cli.Root, "runs");
        {
            var (exit, stdout, stderr) = await CliRun.Invoke("verify", dir, "--out", report, "--runs", runs, "--store", _cli.Store);
            Assert.True(exit == ExitCodes.PointsFailed, stdout + stderr);
            Assert.Contains("6 claims of 1 sweeps: 4 hold, 1 fail, 1 inconclusive", stdout, StringComparison.Ordinal);
            Assert.Contains(stdout.Split('\n'), l => l.TrimStart().StartsWith("fails", StringComparison.Ordinal) && l.Contains("seed-at-least-3", StringComparison.Ordinal));
            var markdown = await File.ReadAllTextAsync(Path.Combine(report, "verify.md"), ct);
            Assert.Contains("| claims-demo | seed-at-least-3 |", markdown, StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(report, "verify.html")));

            // Only holding claims: exit 0 (the points come from the store this time).
            await File.WriteAllTextAsync(Path.Combine(dir, "a.yaml"), Sweep.Replace("  - {name: seed-at-least-3, metric: seed, at_least: 3}\n", "", StringComparison.Ordinal)
                .Replace("  - {name: seed-at-least-1, metric: seed, at_least: 1}\n", "", StringComparison.Ordinal), ct);
            (exit, stdout, _) = await CliRun.Invoke("verify", dir, "--out", report, "--runs", runs, "--store", _cli.Store);
            Assert.True(exit == ExitCodes.Success, stdout);
            Assert.True(File.Exists(Path.Combine(runs, "claims-demo", ClaimsCsv.File)));
        }
    }

    [Fact]
    public async Task A_coverage_claim_holds_inside_the_exact_split_conformal_band_for_one_score_per_anchor()
    {
        var ct = TestContext.Current.CancellationToken;
        // The ball needs no training: 2 α × 40 seeds of exchangeable (anchor-unit) calibrations, 150 test anchors each.
        const string coverage = """
            name: coverage-law
            experiment: conformal-sets
            seeds: 40
            params: {data: sim-clusters, set: ball, points_per_cluster: 100, positives: 5, negatives: 5, calibration_unit: anchor}
            grid: {alpha: [0.1, 0.3]}
            claims:
              - {name: law, source: "Vovk et al.; Angelopoulos & Bates", coverage: split-conformal}
              - {name: law-at-0.3, coverage: split-conformal, where: {alpha: 0.3}}
            """;
        var (exit, stdout, stderr) = await CliRun.Invoke("run", _cli.Spec(coverage), "--out", _cli.Out, "--store", _cli.Store);
        Assert.True(exit == ExitCodes.Success, stdout + stderr);
        // The statement holds commas, so it is quoted: split on commas outside quotes.
        var rows = (await File.ReadAllLinesAsync(Path.Combine(_cli.Out, ClaimsCsv.File), ct)).Skip(1)
            .Select(l => System.Text.RegularExpressions.Regex.Split(l, ",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)")).ToDictionary(f => f[0]);
        Assert.Equal(("80", "holds"), (rows["law"][3], rows["law"][7]));
        Assert.Equal(("40", "holds"), (rows["law-at-0.3"][3], rows["law-at-0.3"][7]));
        // At α = 0.3 with n = 175 calibration anchors the law's mean is k/(n+1) = 124/176 = 0.7045; its band over
        // 40 × 150 anchors lies around it, well inside (0.6, 0.8).
        var (low, high) = (double.Parse(rows["law-at-0.3"][5], System.Globalization.CultureInfo.InvariantCulture), double.Parse(rows["law-at-0.3"][6], System.Globalization.CultureInfo.InvariantCulture));
        Assert.InRange(124.0 / 176, low, high);
        Assert.InRange(low, 0.6, 0.7045);
        Assert.InRange(high, 0.7045, 0.8);
    }

    [Fact]
    public void A_coverage_claim_fails_outside_the_band_and_says_which_side()
    {
        var spec = new SweepSpecParser(ExperimentCatalog.Default).Parse("""
            name: c
            experiment: conformal-sets
            params: {calibration_unit: anchor, alpha: 0.1}
            claims: [{name: law, coverage: split-conformal}]
            """);
        var checker = ClaimChecker.For(spec)!;
        // n = 99, k = 90: coverage ~ Beta(90, 10), mean 0.9; 10 points of 100 anchors covering 80 each is far below
        // (the band of the total is about 900 ± 2·√(10·100·0.9·0.1·2.0) ≈ 900 ± 38).
        for (var seed = 0; seed < 10; seed++)
        {
            checker.Add(new PointResult($"{seed:x32}", "conformal-sets", """{"alpha":0.1,"calibration_unit":"anchor"}""", seed, PointStatus.Done,
                new() { ["anchor_coverage"] = 0.8, ["calibration_scores"] = 99, ["test_anchors"] = 100 }, null, 0));
        }
        var verdict = Assert.Single(checker.Verdicts());
        Assert.Equal((ClaimVerdict.Fails, 0.8), (verdict.Verdict, verdict.Mean));
        Assert.InRange(verdict.Low, 0.85, 0.9);
        Assert.StartsWith("below the exact law's 95% band", verdict.Note, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("bench-noop", "", "{name: c, coverage: split-conformal}", "claims[0].coverage", "bench-noop does not report conformal coverage")]
    [InlineData("conformal-sets", "", "{name: c, coverage: split-conformal}", "claims[0].coverage", "needs exchangeable scores, calibration_unit: anchor; add where: {calibration_unit: anchor}")]
    [InlineData("conformal-sets", "grid: {calibration_unit: [pair, anchor]}", "{name: c, coverage: split-conformal, where: {calibration_unit: [pair, anchor]}}", "claims[0].where", "needs exchangeable scores")]
    [InlineData("conformal-sets", "params: {calibration_unit: anchor}", "{name: c, coverage: split-conformal, at_least: 0.9}", "claims[0].at_least", "states the law's band, not a bound")]
    [InlineData("conformal-sets", "params: {calibration_unit: anchor}", "{name: c, metric: coverage, coverage: split-conformal}", "claims[0].metric", "checks anchor_coverage (one score per test anchor)")]
    [InlineData("conformal-sets", "params: {calibration_unit: anchor}", "{name: c, coverage: exact}", "claims[0].coverage", "'exact' is not a coverage law; one of split-conformal")]
    public void A_bad_coverage_claim_is_one_line_naming_the_field(string experiment, string axes, string claim, string path, string message)
    {
        var yaml = $"name: bad\nexperiment: {experiment}\n{axes}\nclaims:\n  - {claim}\n";
        var error = Assert.Throws<SweepSpecException>(() => new SweepSpecParser(ExperimentCatalog.Default).Parse(yaml)).Error;
        Assert.Equal(path, error.Path);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Slope_and_efficiency_claims_fit_log_log_lines()
    {
        var spec = new SweepSpecParser(ExperimentCatalog.Default).Parse("""
            name: rate
            experiment: gmm-contrastive
            seeds: 3
            grid: {n_train: [1000, 4000, 16000], method: [infonce, lda]}
            claims:
              - {name: lda-rate, metric: subspace_distance, where: {method: lda}, slope: {x: n_train, at_most: -0.4}}
              - {name: infonce-rate, metric: subspace_distance, where: {method: infonce}, slope: {x: n_train, at_most: -0.4}}
              - {name: efficiency, metric: subspace_distance, efficiency: {x: n_train, a: {method: infonce}, b: {method: lda}, at_most: 5}}
            """);
        var checker = ClaimChecker.For(spec)!;
        // LDA: 2/√n (slope −0.5); InfoNCE: 4/√n · (1 ± 5%) by seed, so its lines sit at twice LDA's error: (4/2)² = 4×
        // the samples for the same distance.
        foreach (var n in (long[])[1000, 4000, 16000])
        {
            for (var seed = 0; seed < 3; seed++)
            {
                checker.Add(new PointResult($"{seed:x8}{n:x24}", "gmm-contrastive", $$"""{"method":"lda","n_train":{{n}}}""", seed, PointStatus.Done,
                    new() { ["subspace_distance"] = 2 / Math.Sqrt(n) }, null, 0));
                checker.Add(new PointResult($"{seed + 8:x8}{n:x24}", "gmm-contrastive", $$"""{"method":"infonce","n_train":{{n}}}""", seed, PointStatus.Done,
                    new() { ["subspace_distance"] = 4 / Math.Sqrt(n) * (1 + (0.05 * (seed - 1))) }, null, 0));
            }
        }
        var v = checker.Verdicts();
        Assert.Equal((9, ClaimVerdict.Holds), (v[0].N, v[0].Verdict));
        Assert.Equal(-0.5, v[0].Mean, 9);
        Assert.StartsWith("fit: log subspace_distance = 0.693 − 0.5·log n_train", v[0].Note, StringComparison.Ordinal);
        Assert.Equal(-0.5, v[1].Mean, 9);
        Assert.Equal(ClaimVerdict.Holds, v[1].Verdict);
        Assert.Equal(ClaimVerdict.Holds, v[2].Verdict);
        Assert.InRange(v[2].Mean, 3.9, 4.1);
        Assert.InRange(4.0, v[2].Low, v[2].High);
        Assert.Equal("n_train(method=infonce) / n_train(method=lda) for equal subspace_distance (common log-log slope) ≤ 5.0", v[2].Claim.Statement);
    }

    [Theory]
    [InlineData("{name: c, metric: value, slope: {x: nope, at_most: 0}}", "claims[0].slope.x", "'nope' is not a key of grid")]
    [InlineData("{name: c, metric: value, slope: {x: fail, at_most: 0}}", "claims[0].slope.x", "'fail' must take two or more positive numbers")]
    [InlineData("{name: c, metric: value, slope: {x: x}, at_most: 0}", "claims[0].at_most", "gives its bound inside slope")]
    [InlineData("{name: c, metric: value, slope: {x: x, at_most: 0}, difference: {a: {x: 1}, b: {x: 2}, at_least: 0}}", "claims[0].slope", "one of difference, slope or efficiency")]
    [InlineData("{name: c, metric: value, efficiency: {x: x, a: {fail: true}, b: {fail: false}, at_most: 0}}", "claims[0].efficiency.at_most", "an efficiency ratio is positive")]
    [InlineData("{name: c, metric: value, efficiency: {x: x, a: {x: 1}, b: {x: 2}, at_most: 2}}", "claims[0].efficiency.a", "cannot fix the fitted axis x")]
    public void A_bad_fit_claim_is_one_line_naming_the_field(string claim, string path, string message)
    {
        var yaml = $"name: bad\nexperiment: bench-noop\ngrid: {{x: [1, 2], fail: [false, true]}}\nclaims:\n  - {claim}\n";
        var error = Assert.Throws<SweepSpecException>(() => new SweepSpecParser(ExperimentCatalog.Default).Parse(yaml)).Error;
        Assert.Equal(path, error.Path);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_blames_a_bad_runs_directory_on_runs_before_running_anything()
    {
        var ct = TestContext.Current.CancellationToken;
        var dir = Path.Combine(_cli.Root, "sweeps");
        Directory.CreateDirectory(dir);
        await File.WriteAllTextAsync(Path.Combine(dir, "a.yaml"), Sweep, ct);
        var runs = Path.Combine(_cli.Root, "runs");
        Directory.CreateDirectory(Path.Combine(runs, "claims-demo"));
        await File.WriteAllTextAsync(Path.Combine(runs, "claims-demo", "thesis.tex"), "mine", ct);
        var (exit, stdout, stderr) = await CliRun.Invoke("verify", dir, "--out", Path.Combine(_cli.Root, "verify"), "--runs", runs, "--store", _cli.Store);
        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.StartsWith("error: --runs: ", stderr.Trim(), StringComparison.Ordinal);
        Assert.Equal("mine", await File.ReadAllTextAsync(Path.Combine(runs, "claims-demo", "thesis.tex"), ct));
        Assert.False(Directory.Exists(_cli.Store), stdout);
    }
}
