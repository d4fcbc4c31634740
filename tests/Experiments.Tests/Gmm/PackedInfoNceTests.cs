using ContrastiveOrleans.Experiments.Abstractions;
using ContrastiveOrleans.Experiments.Gmm;

namespace ContrastiveOrleans.Experiments.Tests.Gmm;

public sealed class PackedInfoNceTests
{
    private static readonly GmmContrastiveExperiment Experiment = new();

    private static ParameterSet Point(double noise, double lr, double temperature, string optimizer = "adam", long batch = 64) =>
        GmmContrastiveExperimentTests.Resolve(("d", 10L), ("k", 3L), ("r", 2L), ("n_train", 3000L), ("n_test", 1000L), ("epochs", 3L),
            ("batch", batch), ("noise", noise), ("lr", lr), ("temperature", temperature), ("optimizer", optimizer), ("method", "infonce"));

    private static void AssertClose(IReadOnlyDictionary<string, double> alone, IReadOnlyDictionary<string, double> packed)
    {
        foreach (var (name, value) in alone)
        {
            if (name.EndsWith("_ms", StringComparison.Ordinal)) continue;
            // Relative to the value, floored at 1e-3 so a distance near 0 is compared on the scale it is read at.
            Assert.True(Math.Abs(packed[name] - value) <= 1e-5 * Math.Max(Math.Abs(value), 1e-3), $"{name}: packed {packed[name]:R} vs alone {value:R}");
        }
    }

    [Theory]
    [InlineData("adam", 64L)]
    [InlineData("sgd", 256L)]
    public void A_packed_point_gives_the_numbers_of_the_point_run_alone(string optimizer, long batch)
    {
        // Different seeds, noise, learning rates and temperatures in one program.
        var contexts = new[]
        {
            new ExperimentContext(Point(0.0, 0.03, 0.5, optimizer, batch), Seed: 1),
            new ExperimentContext(Point(0.3, 0.01, 0.2, optimizer, batch), Seed: 2),
            new ExperimentContext(Point(0.1, 0.05, 1.0, optimizer, batch), Seed: 3),
        };
        Assert.Single(contexts.Select(c => Experiment.PackKey(c.Parameters)).Distinct());
        var packed = Experiment.RunPacked(contexts, CancellationToken.None);
        for (var i = 0; i < contexts.Length; i++)
        {
            Assert.Null(packed[i].Error);
            AssertClose(Experiment.Run(contexts[i], CancellationToken.None), packed[i].Metrics!);
        }
    }

    [Fact]
    public void A_point_that_diverges_fails_alone_and_the_others_keep_their_numbers()
    {
        var contexts = new[]
        {
            new ExperimentContext(Point(0.0, 0.03, 0.5, "sgd"), Seed: 1),
            new ExperimentContext(Point(0.0, 1e30, 0.5, "sgd"), Seed: 2),
            new ExperimentContext(Point(0.2, 0.02, 0.5, "sgd"), Seed: 3),
        };
        var alone = Assert.Throws<ExperimentFailedException>(() => Experiment.Run(contexts[1], CancellationToken.None));
        var packed = Experiment.RunPacked(contexts, CancellationToken.None);
        Assert.Equal(alone.Message, Assert.IsType<ExperimentFailedException>(packed[1].Error).Message);
        AssertClose(Experiment.Run(contexts[0], CancellationToken.None), packed[0].Metrics!);
        AssertClose(Experiment.Run(contexts[2], CancellationToken.None), packed[2].Metrics!);
    }

    [Fact]
    public void Only_points_of_equal_shapes_share_a_key_and_baselines_never_pack()
    {
        var key = Experiment.PackKey(Point(0.0, 0.03, 0.5));
        Assert.NotNull(key);
        Assert.Equal(key, Experiment.PackKey(Point(0.4, 0.1, 2.0)));
        Assert.NotEqual(key, Experiment.PackKey(Point(0.0, 0.03, 0.5, batch: 128)));
        Assert.NotEqual(key, Experiment.PackKey(Point(0.0, 0.03, 0.5, optimizer: "sgd")));
        Assert.Null(Experiment.PackKey(GmmContrastiveExperimentTests.Resolve(("d", 10L), ("k", 3L), ("r", 2L), ("method", "lda"))));
        Assert.Null(Experiment.PackKey(GmmContrastiveExperimentTests.Resolve(("d", 10L), ("k", 3L), ("r", 2L), ("partners", "redraw"))));
        Assert.Null(Experiment.PackKey(GmmContrastiveExperimentTests.Resolve(("d", 10L), ("k", 3L), ("r", 2L), ("eval_every", 1L))));
    }
}
