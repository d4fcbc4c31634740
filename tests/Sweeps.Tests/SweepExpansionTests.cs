using System.Security.Cryptography;
using System.Text;
using ContrastiveOrleans.Experiments.Abstractions;

namespace ContrastiveOrleans.Sweeps.Tests;

public sealed class SweepExpansionTests
{
    private const string Mixed = """
        name: mixed
        experiment: gmm-contrastive
        seeds: 5
        params: {d: 20, k: 4, r: 3, condition: 100, epochs: 30}
        grid:
          noise: [0.0, 0.2, 0.4]
          method: [infonce, lda]
        random:
          draws: 4
          space: {temperature: {log_uniform: [0.05, 2.0]}, lr: {uniform: [0.001, 0.05]}, batch: {choice: [128, 256]}, n_test: {int_uniform: [10, 20]}}
        curves:
          - {name: subspace-vs-noise, x: noise, series: method, metric: subspace_distance}
        """;

    [Fact]
    public void Grid_times_draws_times_seeds_gives_distinct_points_in_grid_order()
    {
        var plan = SpecText.Plan(Mixed);
        Assert.Equal(3 * 2 * 4 * 5, plan.Count);
        // Points differing only in what their method ignores share an id: every infonce point is distinct, an lda point
        // is one per distinct (noise, n_test, seed) — the training knobs temperature, lr and batch are not read.
        var points = plan.Points().ToList();
        var lda = points.Where(p => ParameterSet.FromJson(p.ParamsJson).GetString("method") == "lda").ToList();
        var ldaDistinct = lda.Select(p => (ParameterSet.FromJson(p.ParamsJson).GetDouble("noise"), ParameterSet.FromJson(p.ParamsJson).GetInt("n_test"), p.Seed)).Distinct().Count();
        Assert.Equal((points.Count - lda.Count) + ldaDistinct, points.Select(p => p.Id).Distinct().Count());
        Assert.Equal(ldaDistinct, lda.Select(p => p.Id).Distinct().Count());
        // Last axis fastest, then draws, then seeds: the first 20 points share noise 0.0 and method infonce.
        var first = plan.Points().Take(20).Select(p => ParameterSet.FromJson(p.ParamsJson)).ToList();
        Assert.All(first, p => Assert.Equal((0.0, "infonce"), (p.GetDouble("noise"), p.GetString("method"))));
        Assert.Equal("lda", ParameterSet.FromJson(plan.Points().ElementAt(20).ParamsJson).GetString("method"));
        Assert.Equal([0, 1, 2, 3, 4], plan.Points().Take(5).Select(p => p.Seed));
        // Defaults are filled in (separation is not in the spec).
        Assert.Equal(3.0, first[0].GetDouble("separation"));
    }

    [Fact]
    public void Random_draws_are_deterministic_within_bounds_and_differ_across_cells()
    {
        var a = SpecText.Plan(Mixed);
        var b = SpecText.Plan(Mixed);
        Assert.Equal(a.Points().Select(p => p.Id), b.Points().Select(p => p.Id));
        Assert.Equal(a.SweepId, b.SweepId);
        var sets = a.Points().Select(p => ParameterSet.FromJson(p.ParamsJson)).ToList();
        Assert.All(sets, p => Assert.InRange(p.GetDouble("temperature"), 0.05, 2.0));
        Assert.All(sets, p => Assert.InRange(p.GetDouble("lr"), 0.001, 0.05));
        Assert.All(sets, p => Assert.Contains(p.GetInt("batch"), new long[] { 128, 256 }));
        Assert.All(sets, p => Assert.InRange(p.GetInt("n_test"), 10, 20));
        // Every seed of a draw shares the draw; the 4 draws of one cell are distinct; other cells draw anew.
        var temperatures = sets.Select(p => p.GetDouble("temperature")).ToList();
        Assert.Equal(Enumerable.Repeat(temperatures[0], 5), temperatures.Take(5));
        Assert.Equal(4, temperatures.Take(20).Distinct().Count());
        Assert.Empty(temperatures.Take(20).Intersect(temperatures.Skip(20).Take(20)));
        // The name seeds the draws: renaming the sweep moves them.
        var renamed = SpecText.Plan(Mixed.Replace("name: mixed", "name: other", StringComparison.Ordinal));
        Assert.NotEqual(temperatures[0], ParameterSet.FromJson(renamed.Points().First().ParamsJson).GetDouble("temperature"));
    }

    [Fact]
    public void Explicit_seed_list_is_used_as_given()
    {
        var plan = SpecText.Plan("name: s\nexperiment: bench-noop\nseeds: [7, 3]\n");
        Assert.Equal([7, 3], plan.Points().Select(p => p.Seed));
    }

    [Fact]
    public void Point_id_is_the_sha256_of_the_canonical_json()
    {
        var plan = SpecText.Plan("name: s\nexperiment: bench-noop\nparams: {x: 1}\nseeds: [2]\n");
        const string canonical = """{"experiment":"bench-noop","params":{"fail":false,"sleep_ms":0,"x":1.0},"seed":2,"version":"1"}""";
        var expected = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical))[..16]);
        Assert.Equal(expected, Assert.Single(plan.Points()).Id);
    }

    [Fact]
    public void Ids_ignore_how_a_number_is_typed_but_follow_every_value()
    {
        static string Id(string p) => SpecText.Plan($"name: s\nexperiment: bench-noop\nparams: {{{p}}}\n").Points().First().Id;
        Assert.Equal(Id("x: 1"), Id("x: 1.0"));
        Assert.Equal(Id("x: 0"), Id(""));
        Assert.NotEqual(Id("x: 1"), Id("x: 2"));
        Assert.NotEqual(Id("x: 1"), Id("x: 1, sleep_ms: 1"));
        // The sweep name is not part of a point's identity: that is what lets sweeps share cached points.
        Assert.Equal(Id("x: 1"), SpecText.Plan("name: t\nexperiment: bench-noop\nparams: {x: 1.0}\n").Points().First().Id);
    }

    [Fact]
    public void Yaml_scalars_are_typed_by_the_core_schema()
    {
        var spec = SpecText.Parse("name: s\nexperiment: gmm-contrastive\nparams: {noise: 0.0, d: 3, r: 2, method: 'lda', normalize: true}\n");
        var values = spec.Params.ToDictionary(kv => kv.Key, kv => kv.Value);
        Assert.IsType<double>(values["noise"]);
        Assert.IsType<long>(values["d"]);
        Assert.Equal("lda", values["method"]);
        Assert.Equal(true, values["normalize"]);
    }

    [Fact]
    public void Choice_only_random_space_collapses_repeated_points()
    {
        var plan = SpecText.Plan("name: s\nexperiment: bench-noop\nrandom:\n  draws: 50\n  space: {x: {choice: [1, 2]}}\n");
        Assert.Equal(2, plan.Count);
    }
}
