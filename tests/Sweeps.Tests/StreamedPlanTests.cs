using ContrastiveOrleans.Experiments.Abstractions;

namespace ContrastiveOrleans.Sweeps.Tests;

/// <summary>Streamed expansion against the previous version's full expansion: same ids, same order, any start.</summary>
public sealed class StreamedPlanTests
{
    public static TheoryData<string> ShippedSweeps()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(RepoRoot(), "sweeps"), "*.yaml").Order(StringComparer.Ordinal)) data.Add(Path.GetFileName(file));
        return data;
    }

    [Theory]
    [MemberData(nameof(ShippedSweeps))]
    public void Every_shipped_sweep_streams_the_points_of_the_full_expansion_in_its_order(string file)
    {
        var spec = new SweepSpecParser(ExperimentCatalog.Default).Parse(File.ReadAllText(Path.Combine(RepoRoot(), "sweeps", file)));
        var expected = LegacyExpansion.Expand(spec);
        var plan = SweepExpander.Expand(spec);
        Assert.Equal(expected.Count, plan.Count);
        Assert.Equal(expected, plan.Points().Select(p => (p.Id, p.ParamsJson, p.Seed)).ToList());
    }

    [Fact]
    public void Any_range_of_a_random_sweep_with_repeated_draws_equals_that_slice_of_the_whole()
    {
        // Two choices drawn 6 times per cell: most draws repeat, leaving gaps in the index space.
        var spec = new SweepSpecParser(ExperimentCatalog.Default).Parse(
            "name: gaps\nexperiment: bench-noop\nseeds: 3\ngrid: {x: [1, 2, 3]}\nrandom: {draws: 6, space: {sleep_ms: {choice: [0, 1]}, fail: {choice: [false]}}}\n");
        var plan = SweepExpander.Expand(spec);
        var all = plan.Points().ToList();
        Assert.Equal(LegacyExpansion.Expand(spec).Select(p => p.Id), all.Select(p => p.Id));
        Assert.Equal(3 * 6 * 3, plan.IndexCount);
        Assert.True(all.Count < plan.IndexCount);
        Assert.Equal(plan.Count, all.Count);
        for (long from = 0; from <= plan.IndexCount; from++)
        {
            for (var to = from; to <= plan.IndexCount; to += 5)
            {
                Assert.Equal(all.Where(p => p.Index >= from && p.Index < to).Select(p => p.Id), plan.Points(from, to).Select(p => p.Id));
            }
            Assert.Equal(all.FirstOrDefault(p => p.Index == from)?.Id, plan.At(from)?.Id);
        }
    }

    [Fact]
    public void A_grid_of_ten_to_the_eight_points_is_planned_and_read_anywhere_without_expanding()
    {
        string Axis(int n) => "[" + string.Join(", ", Enumerable.Range(0, n)) + "]";
        var spec = new SweepSpecParser(ExperimentCatalog.Default).Parse(
            $"name: wide\nexperiment: bench-noop\nmax_points: 100000000\ngrid: {{x: {Axis(10_000)}, sleep_ms: {Axis(10_000)}}}\n");
        var plan = SweepExpander.Expand(spec);
        Assert.Equal(100_000_000, plan.Count);
        var last = plan.At(99_999_999)!;
        var values = ParameterSet.FromJson(last.ParamsJson);
        Assert.Equal((9999.0, 9999L), (values.GetDouble("x"), values.GetInt("sleep_ms")));
        Assert.Equal(PointIds.Compute("bench-noop", "1", values, 0), last.Id);
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ContrastiveOrleans.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("repository root not found");
    }
}
