using ContrastiveOrleans.Sweeps.Search;

namespace ContrastiveOrleans.Sweeps.Tests.Search;

public sealed class SearchPlanTests
{
    private const string Grid = "name: s\nexperiment: gmm-contrastive\nseeds: [3, 5]\nparams: {d: 6, r: 2, k: 3}\ngrid: {lr: [0.01, 0.1], temperature: [0.1, 1.0]}\n";

    /// <summary>Content addressing across strategies: asha's last rung at epochs = 16 is the grid's point at epochs = 16,
    /// and its first rung the grid's point at epochs = 2; so an asha search after a grid sweep (or before) reuses them.</summary>
    [Fact]
    public void A_rung_is_the_grid_point_at_that_budget()
    {
        var search = new SearchPlan(SpecText.Parse(Grid + "search: {algorithm: asha, metric: nmi, resource: epochs, min_resource: 2, max_resource: 16, reduction: 2}\n"));
        var strategy = search.NewStrategy();
        var unit = strategy.Next()!;
        var configuration = search.Points(unit).Points[0].ParamsJson;
        foreach (var (rung, epochs) in new[] { (0, 2L), (3, 16L) })
        {
            var grid = SpecText.Plan(Grid.Replace("params: {d: 6,", $"params: {{epochs: {epochs}, d: 6,", StringComparison.Ordinal));
            var atBudget = unit with { Rung = rung, Resource = epochs };
            var (points, error) = search.Points(atBudget);
            Assert.Null(error);
            var ids = grid.Points().Where(p => Same(p.ParamsJson, configuration, epochs)).Select(p => p.Id).ToList();
            Assert.Equal(ids, points.Select(p => p.Id));
            Assert.Equal([3, 5], points.Select(p => p.Seed));
        }
    }

    /// <summary>Grid through the seam: the exhaustive strategy's configurations, once per seed, are the sharded plan's points.</summary>
    [Fact]
    public void Median_configurations_are_the_plans_points_in_a_seeded_order()
    {
        var yaml = Grid.Replace("params: {d: 6,", "params: {eval_every: 1, d: 6,", StringComparison.Ordinal);
        var search = new SearchPlan(SpecText.Parse(yaml + "search: {algorithm: median, metric: subspace_distance, seed: 2}\n"));
        var plan = SpecText.Plan(yaml);
        var strategy = search.NewStrategy();
        var ids = new List<string>();
        while (strategy.Next() is { } unit) ids.AddRange(search.Points(unit).Points.Select(p => p.Id));
        Assert.Equal(plan.Points().Select(p => p.Id).Order(), ids.Order());
        Assert.Equal(4, search.Configurations);
    }

    /// <summary>Grid through the seam: the exhaustive strategy over the same configurations issues, once per seed and in
    /// order, exactly the sharded plan's points.</summary>
    [Fact]
    public void The_exhaustive_strategy_issues_the_plans_points_in_order()
    {
        var yaml = Grid.Replace("params: {d: 6,", "params: {eval_every: 1, d: 6,", StringComparison.Ordinal);
        var search = new SearchPlan(SpecText.Parse(yaml + "search: {algorithm: median, metric: subspace_distance}\n"));
        var exhaustive = new ExhaustiveStrategy(search.Configurations, maximize: false);
        var ids = new List<string>();
        while (exhaustive.Next() is { } unit) ids.AddRange(search.Points(unit).Points.Select(p => p.Id));
        Assert.Equal(SpecText.Plan(yaml).Points().Select(p => p.Id), ids);
    }

    private static bool Same(string gridJson, string configurationJson, long epochs)
    {
        var a = Experiments.Abstractions.ParameterSet.FromJson(gridJson);
        var b = Experiments.Abstractions.ParameterSet.FromJson(configurationJson);
        return a.GetDouble("lr") == b.GetDouble("lr") && a.GetDouble("temperature") == b.GetDouble("temperature") && a.GetInt("epochs") == epochs;
    }
}
