using ContrastiveOrleans.Sweeps.Search;

namespace ContrastiveOrleans.Sweeps.Tests.Search;

public sealed class SearchSpecTests
{
    private const string Gmm = "name: s\nexperiment: gmm-contrastive\n";
    private const string Grid = Gmm + "grid: {lr: [0.01, 0.1], temperature: [0.1, 1.0]}\n";
    private const string Space = Gmm + "random:\n  space: {lr: {log_uniform: [0.001, 0.3]}, batch: {choice: [64, 256]}}\n";
    private const string Asha = "search: {algorithm: asha, metric: nmi, resource: epochs, min_resource: 2, max_resource: 32";

    [Theory]
    [InlineData(Grid + "search: {algorithm: hyperband}\n", "search.algorithm", "'hyperband' is not one of grid, random, asha, median, tpe")]
    [InlineData(Grid + "search: {algorithm: asha, resource: epochs, min_resource: 2, max_resource: 8}\n", "search.metric", "missing; asha needs the metric it optimises, one of subspace_distance")]
    [InlineData(Grid + "search: {algorithm: tpe, metric: accuracy}\n", "search.metric", "'accuracy' is not a metric of gmm-contrastive; one of subspace_distance")]
    [InlineData(Grid + "search: {algorithm: asha, metric: nmi, mode: up}\n", "search.mode", "'up' is not one of max, min")]
    [InlineData(Grid + "search: {algorithm: asha, metric: nmi, min_resource: 2, max_resource: 8}\n", "search.resource", "missing; asha needs the integer parameter that is its budget")]
    [InlineData(Grid + "search: {algorithm: asha, metric: nmi, resource: lr, min_resource: 2, max_resource: 8}\n", "search.resource", "'lr' is not an integer parameter of gmm-contrastive; one of d, r, k")]
    [InlineData(Grid + "search: {algorithm: asha, metric: nmi, resource: epochs, max_resource: 8}\n", "search.min_resource", "missing; asha's first budget, an integer in [1, 100000]")]
    [InlineData(Grid + Asha + ", reduction: 1}\n", "search.reduction", "1 is outside [2, 100]")]
    [InlineData(Grid + "search: {algorithm: asha, metric: nmi, resource: epochs, min_resource: 8, max_resource: 8}\n", "search.max_resource", "8 must exceed min_resource = 8")]
    [InlineData(Grid + "search: {algorithm: asha, metric: nmi, resource: epochs, min_resource: 0, max_resource: 8}\n", "search.min_resource", "0 must be at least 1")]
    [InlineData(Gmm + "params: {epochs: 4}\ngrid: {lr: [0.1]}\n" + Asha + "}\n", "params.epochs", "also search.resource; asha sets epochs per rung")]
    [InlineData(Gmm + "grid: {epochs: [4, 8]}\n" + Asha + "}\n", "search.resource", "epochs is swept")]
    [InlineData(Grid + "search: {algorithm: tpe, metric: nmi, trials: 10}\n", "search.algorithm", "tpe proposes values of random.space, which is missing")]
    [InlineData(Space + "grid: {noise: [0.1]}\nsearch: {algorithm: tpe, metric: nmi}\n", "grid.noise", "tpe proposes every swept value; move grid axes into random.space")]
    [InlineData(Grid + Asha + ", trials: 10}\n", "search.trials", "asha draws its trials from random.space, which is missing")]
    [InlineData(Grid + "search: {algorithm: tpe, metric: nmi, reduction: 3}\n", "search.reduction", "not read by tpe; only by asha")]
    [InlineData(Grid + "search: {algorithm: grid, seed: 3}\n", "search.seed", "not read by grid; only by asha, median, tpe")]
    [InlineData(Space + "search: {algorithm: tpe, metric: nmi, trials: 0}\n", "search.trials", "0 must be at least 1")]
    [InlineData(Space + "search: {algorithm: tpe, metric: nmi, trials: 20000}\n", "search.trials", "20000 is outside [1, 10000]")]
    [InlineData(Gmm + "random:\n  draws: 5\n  space: {lr: {log_uniform: [0.001, 0.3]}}\nsearch: {algorithm: random, trials: 8}\n", "random.draws", "also search.trials")]
    [InlineData(Grid + "search: {algorithm: median, metric: nmi}\n", "search.metric", "nmi is not reported during training; median can stop on subspace_distance")]
    [InlineData(Grid + "search: {algorithm: median, metric: subspace_distance}\n", "params.eval_every", "median needs subspace_distance during training; set params.eval_every")]
    [InlineData("name: s\nexperiment: conformal-sets\nsearch: {algorithm: median, metric: coverage, mode: max}\n", "search.metric", "median stops on reports during training, and conformal-sets reports no metric during training")]
    [InlineData(Grid + "curves:\n  - {name: c, x: lr, metric: nmi}\n" + Asha + "}\n", "curves", "not drawn for search.algorithm asha")]
    [InlineData(Grid + "resources: {pack: 8}\n" + Asha + "}\n", "resources.pack", "not used by search.algorithm asha")]
    [InlineData(Gmm + "grid: {lr: [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0], temperature: [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0], noise: [0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0], batch: [2, 3, 4, 5, 6, 7, 8, 9, 10, 11]}\n" + Asha + "}\n",
        "search", "asha over 11000 configurations; at most 10000")]
    [InlineData(Grid + "search: [asha]\n", "search", "expected a mapping")]
    [InlineData(Gmm + "params: {eval_every: 2}\n" + "grid: {lr: [0.1]}\nsearch: {algorithm: median, metric: subspace_distance, grace: 3}\n", "search.grace", "counts in the resource's units; give search.resource")]
    [InlineData(Grid + Asha + ", grace: 3}\n", "search.grace", "not read by asha; only by median")]
    [InlineData(Grid + "search: {algorithm: asha, budget: 3}\n", "search.budget", "unknown field; allowed: algorithm, metric, mode, resource")]
    public void Bad_search_names_the_field(string yaml, string path, string messageStart)
    {
        var error = SpecText.Error(yaml);
        Assert.Equal(path, error.Path);
        Assert.StartsWith(messageStart, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.ToString());
    }

    [Fact]
    public void Without_search_a_sweep_is_a_grid_and_its_resolved_file_and_id_are_unchanged()
    {
        var plain = SpecText.Plan(Grid);
        var explicitGrid = SpecText.Plan(Grid + "search: {algorithm: grid}\n");
        Assert.Equal(SearchAlgorithm.Grid, plain.Spec.Search.Algorithm);
        Assert.DoesNotContain("search", SweepYamlWriter.Format(plain), StringComparison.Ordinal);
        Assert.Equal(plain.SweepId, explicitGrid.SweepId);
    }

    [Fact]
    public void Mode_defaults_to_the_metrics_better_direction()
    {
        Assert.True(SpecText.Parse(Grid + Asha + "}\n").Search.Maximize);
        Assert.False(SpecText.Parse(Grid + "search: {algorithm: asha, metric: subspace_distance, resource: epochs, min_resource: 2, max_resource: 8}\n").Search.Maximize);
    }

    [Theory]
    [InlineData(Grid + Asha + ", reduction: 3, seed: 7}\n")]
    [InlineData(Gmm + "params: {eval_every: 2, epochs: 8}\n" + "grid: {lr: [0.01, 0.1]}\nsearch: {algorithm: median, metric: subspace_distance, resource: epochs, seed: 3, grace: 2}\n")]
    [InlineData(Space + "search: {algorithm: tpe, metric: nmi, mode: max, trials: 30, seed: 5}\n")]
    [InlineData(Space + "search: {algorithm: random, trials: 6}\n")]
    public void The_resolved_file_parses_back_to_the_same_search(string yaml)
    {
        var spec = SpecText.Parse(yaml);
        var again = SpecText.Parse(SweepYamlWriter.Format(SweepPlan.Of(spec)));
        Assert.Equal(spec.Search, again.Search);
        Assert.Equal(spec.Random?.Draws, again.Random?.Draws);
        Assert.Equal(SweepPlan.Of(spec).SweepId, SweepPlan.Of(again).SweepId);
    }

    [Fact]
    public void Random_trials_are_the_draws()
    {
        var plan = SpecText.Plan(Space + "search: {algorithm: random, trials: 6}\n");
        Assert.Equal(6, plan.Spec.Random!.Draws);
        Assert.Equal(6, plan.Count);
    }

    [Theory]
    [InlineData(2, 32, 3, new long[] { 2, 6, 18, 32 })]
    [InlineData(1, 27, 3, new long[] { 1, 3, 9, 27 })]
    [InlineData(4, 5, 2, new long[] { 4, 5 })]
    public void Rungs_are_min_times_powers_of_eta_then_max(long min, long max, int eta, long[] expected) =>
        Assert.Equal(expected, new SearchSpec(SearchAlgorithm.Asha, "nmi", true, "epochs", min, max, eta).Rungs());
}
