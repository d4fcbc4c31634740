using ContrastiveOrleans.Experiments.Abstractions;
using ContrastiveOrleans.Experiments.AlphaCl;

namespace ContrastiveOrleans.Experiments.Tests.AlphaCl;

public sealed class AlphaClExperimentTests
{
    private static readonly AlphaClExperiment Experiment = new();

    /// <summary>A point small enough for a unit test.</summary>
    private static readonly Dictionary<string, object> Small = new()
    {
        ["d"] = 8L, ["k"] = 3L, ["n_train"] = 256L, ["n_test"] = 120L, ["epochs"] = 2L, ["batch"] = 32L, ["width"] = 4L,
    };

    [Theory]
    [InlineData("loss", "hinge", "ntxent, alpha-exp, alpha-quadratic, alpha-inverse")]
    [InlineData("encoder", "mlp", "linear, deep-linear, relu2, linear-units")]
    [InlineData("p", 0.0, "(0, inf)")]
    [InlineData("temperature", -0.5, "(0, inf)")]
    [InlineData("alpha_eps", -0.01, "[0, inf)")]
    [InlineData("depth", 0L, "[1, 16]")]
    public void Bad_input_is_rejected_with_the_field_named(string field, object value, string allowed)
    {
        var (_, errors) = ExperimentCatalog.Resolve(Experiment, new ParameterSet(new Dictionary<string, object> { [field] = value }));
        var error = Assert.Single(errors);
        Assert.StartsWith($"{field}: ", error, StringComparison.Ordinal);
        Assert.Contains(allowed, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Batch_larger_than_the_training_set_is_rejected()
    {
        var (_, errors) = ExperimentCatalog.Resolve(Experiment, new ParameterSet(new Dictionary<string, object> { ["batch"] = 500L, ["n_train"] = 100L }));
        Assert.StartsWith("batch: ", Assert.Single(errors), StringComparison.Ordinal);
    }

    [Fact]
    public void Default_catalog_ships_alpha_cl_and_its_defaults_validate()
    {
        var experiment = ExperimentCatalog.Default.Get("alpha-cl");
        var (_, errors) = ExperimentCatalog.Resolve(experiment, ParameterSet.Empty);
        Assert.Empty(errors);
    }

    [Theory]
    [InlineData(AlphaLossOptions.NtXent)]
    [InlineData(AlphaLossOptions.AlphaQuadratic)]
    public void Same_seed_gives_the_same_metrics_and_another_seed_does_not(string loss)
    {
        var first = Run(new() { ["loss"] = loss }, seed: 4);
        var second = Run(new() { ["loss"] = loss }, seed: 4);
        var other = Run(new() { ["loss"] = loss }, seed: 5);
        Assert.Equal(first.Keys.Where(k => !k.EndsWith("_ms", StringComparison.Ordinal)).Order(), second.Keys.Where(k => !k.EndsWith("_ms", StringComparison.Ordinal)).Order());
        foreach (var (name, value) in first.Where(kv => !kv.Key.EndsWith("_ms", StringComparison.Ordinal))) Assert.Equal(value, second[name]);
        Assert.NotEqual(first["final_loss"], other["final_loss"]);
        Assert.InRange(first["probe_acc"], 0.0, 1.0);
        Assert.InRange(first["nmi"], 0.0, 1.0);
    }

    [Fact]
    public void Fixed_alpha_run_reports_the_pca_alignment_of_a_deep_linear_network()
    {
        var metrics = Run(new() { ["fixed_alpha"] = true, ["encoder"] = "deep-linear", ["depth"] = 2L, ["fixed_steps"] = 1000L }, seed: 1);
        Assert.True(metrics["top_eig_cos"] >= 0.99, $"top_eig_cos {metrics["top_eig_cos"]}");
        Assert.InRange(metrics["map_effective_rank"], 1.0, 1.05);
        Assert.InRange(metrics["energy_ratio"], 0.99, 1.0 + 1e-9);
    }

    [Fact]
    public void The_linear_control_under_the_relu_constraint_ends_at_rank_one_with_every_unit_on_the_top_eigenvector()
    {
        // linear-units: unit-norm hidden units, frozen identity top layer, no ReLU. E_α = ½ Σ_k w_kᵀ C_α w_k is a sum
        // of Rayleigh quotients, so each of the 4 units reaches the top eigenvector: rank 1 and E_α = 4 · ½λ_max.
        var metrics = Run(new() { ["fixed_alpha"] = true, ["encoder"] = "linear-units", ["width"] = 4L, ["fixed_steps"] = 1000L }, seed: 1);
        Assert.True(metrics["top_eig_cos"] >= 0.99, $"top_eig_cos {metrics["top_eig_cos"]}");
        Assert.InRange(metrics["map_effective_rank"], 1.0, 1.05);
        Assert.InRange(metrics["energy_ratio"], 4 * 0.99, 4 * (1.0 + 1e-9));
    }

    [Fact]
    public void Every_random_start_of_the_fixed_alpha_ascent_reaches_the_top_eigenvector_and_the_interval_is_wilsons()
    {
        var metrics = Run(new() { ["fixed_alpha"] = true, ["encoder"] = "deep-linear", ["depth"] = 2L, ["fixed_steps"] = 1000L, ["inits"] = 12L }, seed: 2);
        // 12 of 12: Wilson's interval, z = 1.96: centre (1 + z²/24)/(1 + z²/12), half z·√(z²/576)/(1 + z²/12).
        const double z = 1.959963984540054;
        var denominator = 1 + (z * z / 12);
        var low = ((1 + (z * z / 24)) / denominator) - (z * Math.Sqrt(z * z / 576) / denominator);
        Assert.Equal(1.0, metrics["global_fraction"]);
        Assert.Equal(low, metrics["global_fraction_low"], 12);
        Assert.Equal(1.0, metrics["global_fraction_high"], 12);
        // 5 of 10: the interval is symmetric about ½, with half-width z·√(0.025 + z²/400)/(1 + z²/10) = 0.2634.
        var (fiveLow, fiveHigh) = AlphaClExperiment.Wilson(5, 10);
        Assert.Equal(0.5, (fiveLow + fiveHigh) / 2, 12);
        Assert.Equal(z * Math.Sqrt(0.025 + (z * z / 400)) / (1 + (z * z / 10)), (fiveHigh - fiveLow) / 2, 12);
    }

    private static IReadOnlyDictionary<string, double> Run(Dictionary<string, object> overrides, int seed)
    {
        var given = new ParameterSet(Small).With(overrides);
        var (resolved, errors) = ExperimentCatalog.Resolve(Experiment, given);
        Assert.Empty(errors);
        return Experiment.Run(new ExperimentContext(resolved, seed), TestContext.Current.CancellationToken);
    }
}
