using ContrastiveOrleans.Experiments.Abstractions;
using ContrastiveOrleans.Experiments.Gmm;

namespace ContrastiveOrleans.Experiments.Tests.Gmm;

public sealed class GmmContrastiveExperimentTests
{
    private static readonly GmmContrastiveExperiment Experiment = new();

    internal static ParameterSet Resolve(params (string Name, object Value)[] given)
    {
        var (resolved, errors) = ExperimentCatalog.Resolve(Experiment, new ParameterSet(given.Select(p => KeyValuePair.Create(p.Name, p.Value))));
        Assert.Empty(errors);
        return resolved;
    }

    private static IReadOnlyDictionary<string, double> Run(int seed, params (string Name, object Value)[] given) =>
        Experiment.Run(new ExperimentContext(Resolve(given), seed), TestContext.Current.CancellationToken);

    private static readonly (string, object)[] Anisotropic =
        [("d", 10L), ("k", 3L), ("r", 2L), ("condition", 100.0), ("n_train", 20000L), ("epochs", 30L)];

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.3)]
    public void Infonce_finds_the_fisher_subspace_where_pca_does_not(double noise)
    {
        var infonce = Run(1, [.. Anisotropic, ("noise", noise), ("method", "infonce")]);
        var pca = Run(1, [.. Anisotropic, ("noise", noise), ("method", "pca")]);
        Assert.True(infonce["subspace_distance"] < 0.15, $"infonce distance {infonce["subspace_distance"]}");
        Assert.True(infonce["fisher_ratio_rel"] > 0.9, $"infonce Fisher ratio {infonce["fisher_ratio_rel"]}");
        Assert.True(pca["subspace_distance"] > 0.8, $"pca distance {pca["subspace_distance"]}");

        // Held-out clustering: InfoNCE matches supervised LDA, PCA's projection mixes the components.
        var lda = Run(1, [.. Anisotropic, ("noise", noise), ("method", "lda")]);
        Assert.True(infonce["nmi"] > lda["nmi"] - 0.05, $"infonce nmi {infonce["nmi"]} vs lda {lda["nmi"]}");
        Assert.True(infonce["probe_acc"] > lda["probe_acc"] - 0.02, $"infonce probe {infonce["probe_acc"]} vs lda {lda["probe_acc"]}");
        Assert.True(pca["nmi"] < lda["nmi"] - 0.1, $"pca nmi {pca["nmi"]} vs lda {lda["nmi"]}");
    }

    [Fact]
    public void Redrawn_partners_train_on_fresh_pairs_and_still_find_the_fisher_subspace()
    {
        (string, object)[] noisy = [.. Anisotropic, ("noise", 0.3), ("method", "infonce")];
        var fixedPartners = Run(2, [.. noisy, ("partners", "fixed")]);
        var redrawn = Run(2, [.. noisy, ("partners", "redraw")]);
        // Same first draw and initialisation, different pairs after the first epoch: a different map.
        Assert.NotEqual(fixedPartners["final_loss"], redrawn["final_loss"]);
        // Fresh pairs each epoch are still coupled pairs of the same mixture: the map finds the Fisher subspace as the
        // fixed pairs do (0.15, the bound the fixed-pairs test above uses).
        Assert.True(redrawn["subspace_distance"] < 0.15, $"redraw distance {redrawn["subspace_distance"]}, fixed {fixedPartners["subspace_distance"]}");
    }

    [Fact]
    public void Same_seed_gives_identical_metrics_and_another_seed_does_not()
    {
        (string, object)[] small = [("d", 6L), ("k", 3L), ("r", 2L), ("n_train", 2000L), ("epochs", 5L)];
        var a = Run(4, small);
        var b = Run(4, small);
        var c = Run(5, small);
        Assert.Equal(a["subspace_distance"], b["subspace_distance"]);
        Assert.Equal(a["final_loss"], b["final_loss"]);
        Assert.NotEqual(a["subspace_distance"], c["subspace_distance"]);
    }

    [Fact]
    public void Divergent_training_fails_with_the_reason()
    {
        var ex = Assert.Throws<ExperimentFailedException>(() => Run(1,
            ("d", 6L), ("k", 3L), ("r", 2L), ("n_train", 2000L), ("epochs", 5L), ("optimizer", "sgd"), ("lr", 1e12),
            ("temperature", 0.01), ("schedule", "constant")));
        Assert.Contains("diverged", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("k", 1L, "k: 1 is outside [2, 1000]")]
    [InlineData("noise", 1.5, "noise: 1.5 is outside [0, 1]")]
    [InlineData("condition", 0.5, "condition: 0.5 is outside [1, inf)")]
    [InlineData("temperature", 0.0, "temperature: 0 is outside (0, inf)")]
    [InlineData("method", "svd", "method: 'svd' is not one of infonce, lda, pca, fisher, random")]
    [InlineData("r", 30L, "r: 30 exceeds d = 20; allowed: 1..d")]
    [InlineData("n_train", 10L, "n_train: 10 is too small")]
    [InlineData("bogus", 1L, "bogus: unknown parameter of gmm-contrastive")]
    [InlineData("epochs", 2.5, "epochs: 2.5 is not an integer")]
    public void Bad_parameters_are_rejected_naming_the_field(string name, object value, string expected)
    {
        var (_, errors) = ExperimentCatalog.Resolve(Experiment, new ParameterSet([KeyValuePair.Create(name, value)]));
        var error = Assert.Single(errors);
        Assert.StartsWith(expected, error, StringComparison.Ordinal);
    }
}
