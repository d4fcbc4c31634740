using System.Text.Json;

namespace ContrastiveOrleans.Client.Tests;

/// <summary>An adaptive search through the CLI: what the header, the summary, points.jsonl and report.html say about it.</summary>
public sealed class SearchRunTests : IDisposable
{
    private readonly CliRun _cli = new();

    public void Dispose() => _cli.Dispose();

    private const string Asha = """
        name: cli-asha
        experiment: bench-noop
        seeds: 1
        grid:
          x: [1, 2, 3, 4, 5, 6, 7, 8, 9]
        search: {algorithm: asha, metric: value, mode: max, resource: sleep_ms, min_resource: 1, max_resource: 9, reduction: 3}
        """;

    [Fact]
    public async Task An_asha_run_says_what_it_decided_in_the_summary_points_and_report()
    {
        var (exit, stdout, stderr) = await CliRun.Invoke("run", _cli.Spec(Asha), "--out", _cli.Out, "--store", _cli.Store, "--workers", "2");
        Assert.True(exit == 0, stdout + stderr);
        Assert.Contains("cli-asha: asha search over 9 configurations x 1 seed (sleep_ms 1, 3, 9; η 3; value, max)", stdout, StringComparison.Ordinal);
        Assert.Contains("best value (max): 9 at ", stdout, StringComparison.Ordinal);
        Assert.Contains("search: asha η=3: 9 of 9 configurations started", stdout, StringComparison.Ordinal);

        var points = File.ReadAllLines(Path.Combine(_cli.Out, "points.jsonl")).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        // At least 9 + 3 + 1 units (successive halving); asynchronous promotions may add a few.
        Assert.InRange(points.Count, 13, 20);
        var marks = points.Select(p => p.GetProperty("search")).ToList();
        // The account: each point's rung budget against the grid's 9 configurations at sleep_ms 9.
        var spent = marks.Sum(m => m.GetProperty("resource").GetDouble());
        Assert.Contains(FormattableString.Invariant($"spent: {spent} of 81 sleep_ms ({100 * (1 - (spent / 81)):0.#}% saved against every configuration at its full budget) over {points.Count} decisions"),
            stdout, StringComparison.Ordinal);
        Assert.Equal(Enumerable.Range(0, points.Count), marks.Select(m => m.GetProperty("unit").GetInt32()).Order());
        Assert.Contains(points, p => p.GetProperty("search").GetProperty("rung").GetInt32() == 2 && p.GetProperty("metrics").GetProperty("value").GetDouble() == 9);
        Assert.All(marks.Where(m => m.GetProperty("rung").GetInt32() > 0), m => Assert.StartsWith("promoted: ", m.GetProperty("reason").GetString(), StringComparison.Ordinal));

        var report = File.ReadAllText(Path.Combine(_cli.Out, "report.html"));
        Assert.Contains("<h2>Search</h2>", report, StringComparison.Ordinal);
        Assert.Contains("Best configuration at the last rung: <strong>9</strong>", report, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_cli.Out, "plots", "search-best.svg")));
    }

    [Fact]
    public async Task A_dry_run_names_the_search_and_its_rungs()
    {
        var (exit, stdout, _) = await CliRun.Invoke("run", _cli.Spec(Asha), "--dry-run");
        Assert.Equal(0, exit);
        Assert.Contains("search: {algorithm: asha, metric: value, mode: max, resource: sleep_ms, min_resource: 1, max_resource: 9, reduction: 3, seed: 0}", stdout, StringComparison.Ordinal);
        Assert.Contains("asha search over 9 configurations", stdout, StringComparison.Ordinal);
    }
}
