using ContrastiveOrleans.Experiments.Abstractions;
using ContrastiveOrleans.Grains.Contracts;
using ContrastiveOrleans.Grains.Stats;
using ContrastiveOrleans.Sweeps;

namespace ContrastiveOrleans.Grains.Tests;

/// <summary>A curve's interval is over seeds only: other varied axes are lines of their own unless the curve pools them.</summary>
public sealed class CurveGroupingTests
{
    private const string Grid = """
        name: g
        experiment: bench-noop
        seeds: [0, 1]
        params: {sleep_ms: 0}
        grid:
          x: [1, 2]
          fail: [false]
          sleep_ms: [0, 1]
        curves:
          - {name: grouped, x: x, metric: value}
          - {name: pooled, x: x, metric: value, pool: [sleep_ms]}
        """;

    private static SweepSpec Parse(string yaml) => new SweepSpecParser(ExperimentCatalog.Default).Parse(yaml);

    [Fact]
    public void Varied_axes_besides_x_and_series_are_grouped_unless_pooled_and_single_valued_axes_are_not_axes()
    {
        var spec = Parse(Grid.Replace("params: {sleep_ms: 0}\n", "", StringComparison.Ordinal));
        Assert.Equal(["sleep_ms"], spec.Curves[0].GroupBy);
        Assert.Empty(spec.Curves[0].Pool);
        Assert.Empty(spec.Curves[1].GroupBy);
        Assert.Equal(["sleep_ms"], spec.Curves[1].Pool);
        // pool survives the resolved sweep.yaml.
        Assert.Contains("pool: [sleep_ms]", SweepYamlWriter.Format(SweepExpander.Expand(spec)), StringComparison.Ordinal);
    }

    [Fact]
    public void A_grouped_axis_gives_one_line_per_value_with_n_over_seeds_and_a_pooled_one_folds_in()
    {
        var spec = Parse(Grid.Replace("params: {sleep_ms: 0}\n", "", StringComparison.Ordinal));
        var aggregator = new CurveAggregator(spec.Curves);
        foreach (var point in SweepExpander.Expand(spec).Points())
        {
            var p = ParameterSet.FromJson(point.ParamsJson);
            // A value that depends on the grouped axis: grouping keeps the two apart, pooling mixes them.
            var value = p.GetDouble("x") + (10 * p.GetInt("sleep_ms")) + point.Seed;
            aggregator.Add(new PointResult(point.Id, point.Experiment, point.ParamsJson, point.Seed, PointStatus.Done, new() { ["value"] = value }, null, 0));
        }
        var grouped = aggregator.Rows().Where(r => r.Curve == "grouped").Select(r => (r.Series, r.X, r.Mean, r.N)).ToList();
        Assert.Equal([("sleep_ms=0", "1", 1.5, 2), ("sleep_ms=0", "2", 2.5, 2), ("sleep_ms=1", "1", 11.5, 2), ("sleep_ms=1", "2", 12.5, 2)], grouped);
        var pooled = aggregator.Rows().Where(r => r.Curve == "pooled").Select(r => (r.Series, r.X, r.Mean, r.N)).ToList();
        Assert.Equal([("", "1", 6.5, 4), ("", "2", 7.5, 4)], pooled);
    }

    [Fact]
    public void A_point_that_ignores_a_pooled_axis_is_folded_once_not_once_per_value()
    {
        // lda ignores temperature: its two points per seed (temperature 0.1 and 0.5) are one computation, one id.
        var spec = Parse("""
            name: p
            experiment: gmm-contrastive
            seeds: [0, 1, 2]
            grid: {method: [lda, infonce], temperature: [0.1, 0.5]}
            curves: [{name: c, x: method, metric: nmi, pool: [temperature]}]
            """);
        var aggregator = new CurveAggregator(spec.Curves);
        foreach (var point in SweepExpander.Expand(spec).Points())
        {
            aggregator.Add(new PointResult(point.Id, point.Experiment, point.ParamsJson, point.Seed, PointStatus.Done, new() { ["nmi"] = point.Seed }, null, 0));
        }
        var n = aggregator.Rows().ToDictionary(r => r.X, r => r.N);
        Assert.Equal(3, n["lda"]);        // 3 seeds
        Assert.Equal(6, n["infonce"]);    // 3 seeds x 2 temperatures, each its own run
    }

    [Fact]
    public void A_series_is_labelled_with_its_group()
    {
        var spec = Parse("""
            name: s
            experiment: bench-noop
            grid: {x: [1], fail: [false, true], sleep_ms: [0, 1]}
            curves: [{name: c, x: x, series: fail, metric: value}]
            """);
        var p = ParameterSet.FromJson("""{"x":1.0,"fail":true,"sleep_ms":1}""");
        Assert.Equal("true · sleep_ms=1", CurveAggregator.Label(spec.Curves[0], true, p));
    }

    [Fact]
    public void A_random_x_names_its_draw_so_the_other_random_dimensions_are_not_lines_of_their_own()
    {
        var spec = Parse("""
            name: r
            experiment: bench-noop
            params: {fail: false}
            random:
              draws: 5
              space: {x: {uniform: [0, 1]}, sleep_ms: {choice: [0, 1]}}
            curves: [{name: c, x: x, metric: value}, {name: d, x: fail, metric: value}]
            """);
        Assert.Empty(spec.Curves[0].GroupBy);
        Assert.Equal(["x", "sleep_ms"], spec.Curves[1].GroupBy);
    }

    [Theory]
    [InlineData("pool: [nope]", "'nope' is not an axis the sweep varies besides x and series; one of sleep_ms")]
    [InlineData("pool: [x]", "'x' is not an axis the sweep varies besides x and series; one of sleep_ms")]
    [InlineData("pool: sleep_ms", "")]
    public void A_bad_pool_names_the_field_and_the_allowed_axes(string pool, string message)
    {
        var yaml = Grid.Replace("params: {sleep_ms: 0}\n", "", StringComparison.Ordinal).Replace("pool: [sleep_ms]", pool, StringComparison.Ordinal);
        var error = Assert.Throws<SweepSpecException>(() => Parse(yaml)).Error;
        Assert.StartsWith("curves[1].pool", error.Path, StringComparison.Ordinal);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }
}
