using ContrastiveOrleans.Experiments.Abstractions;
using ContrastiveOrleans.Experiments.AlphaCl;

namespace ContrastiveOrleans.Experiments.Tests.AlphaCl;

public sealed class PackedAlphaClTests
{
    private static readonly AlphaClExperiment Experiment = new();

    private static ParameterSet Point(string loss, string encoder, double noise, double lr)
    {
        var (resolved, errors) = ExperimentCatalog.Resolve(Experiment, new ParameterSet(new Dictionary<string, object>
        {
            ["loss"] = loss, ["encoder"] = encoder, ["d"] = 8L, ["k"] = 3L, ["width"] = 4L, ["depth"] = 2L, ["n_train"] = 1024L,
            ["n_test"] = 400L, ["epochs"] = 2L, ["batch"] = 32L, ["noise"] = noise, ["lr"] = lr,
        }));
        Assert.Empty(errors);
        return resolved;
    }

    [Theory]
    [InlineData("ntxent", "linear")]
    [InlineData("alpha-exp", "deep-linear")]
    [InlineData("alpha-quadratic", "linear")]
    [InlineData("alpha-inverse", "deep-linear")]
    public void A_packed_point_gives_the_numbers_of_the_point_run_alone(string loss, string encoder)
    {
        var contexts = new[]
        {
            new ExperimentContext(Point(loss, encoder, 0.0, 0.01), Seed: 1),
            new ExperimentContext(Point(loss, encoder, 0.2, 0.03), Seed: 2),
            new ExperimentContext(Point(loss, encoder, 0.1, 0.005), Seed: 3),
        };
        Assert.Single(contexts.Select(c => Experiment.PackKey(c.Parameters)).Distinct());
        var packed = Experiment.RunPacked(contexts, CancellationToken.None);
        for (var i = 0; i < contexts.Length; i++)
        {
            Assert.Null(packed[i].Error);
            foreach (var (name, value) in Experiment.Run(contexts[i], CancellationToken.None).Where(kv => !kv.Key.EndsWith("_ms", StringComparison.Ordinal)))
            {
                var got = packed[i].Metrics![name];
                Assert.True(Math.Abs(got - value) <= 1e-5 * Math.Max(Math.Abs(value), 1e-3), $"point {i} {name}: packed {got:R} vs alone {value:R}");
            }
        }
    }

    [Fact]
    public void Only_trained_linear_encoders_on_gmm_data_pack_and_the_loss_is_part_of_the_key()
    {
        var key = Experiment.PackKey(Point("alpha-exp", "linear", 0.0, 0.01));
        Assert.NotNull(key);
        Assert.Equal(key, Experiment.PackKey(Point("alpha-exp", "linear", 0.3, 0.1)));
        Assert.NotEqual(key, Experiment.PackKey(Point("ntxent", "linear", 0.0, 0.01)));
        Assert.Null(Experiment.PackKey(Point("alpha-exp", "relu2", 0.0, 0.01)));
        var (fixedAlpha, _) = ExperimentCatalog.Resolve(Experiment, new ParameterSet(new Dictionary<string, object> { ["fixed_alpha"] = true }));
        Assert.Null(Experiment.PackKey(fixedAlpha));
    }
}
