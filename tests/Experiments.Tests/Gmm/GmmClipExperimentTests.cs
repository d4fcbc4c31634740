using ContrastiveOrleans.Experiments.Abstractions;
using ContrastiveOrleans.Experiments.Gmm;

namespace ContrastiveOrleans.Experiments.Tests.Gmm;

public sealed class GmmClipExperimentTests
{
    private static readonly GmmClipExperiment Experiment = new();

    private static IReadOnlyDictionary<string, double> Run(params (string Name, object Value)[] given)
    {
        var (resolved, errors) = ExperimentCatalog.Resolve(Experiment, new ParameterSet(given.Select(p => KeyValuePair.Create(p.Name, p.Value))));
        Assert.Empty(errors);
        return Experiment.Run(new ExperimentContext(resolved, 2), TestContext.Current.CancellationToken);
    }

    private static readonly (string, object)[] Small =
        [("d_x", 10L), ("d_y", 8L), ("k", 3L), ("r", 2L), ("condition", 10.0), ("noise_dims", 2L), ("noise_var", 25.0), ("n_train", 20000L)];

    [Fact]
    public void Clip_recovers_each_modality_fisher_subspace_and_filters_its_noise_directions()
    {
        var clip = Run([.. Small, ("method", "clip")]);
        Assert.True(clip["subspace_distance_x"] < 0.2, $"x distance {clip["subspace_distance_x"]}");
        Assert.True(clip["subspace_distance_y"] < 0.2, $"y distance {clip["subspace_distance_y"]}");
        Assert.True(clip["noise_energy_x"] < 0.05, $"x noise energy {clip["noise_energy_x"]}");
        Assert.True(clip["noise_energy_y"] < 0.05, $"y noise energy {clip["noise_energy_y"]}");
    }

    [Fact]
    public void Pca_spends_most_of_its_energy_on_the_noise_directions()
    {
        // Two noise directions of variance 25 dominate a base spectrum of mean 1: they are PCA's top-2 directions.
        var pca = Run([.. Small, ("method", "pca")]);
        Assert.True(pca["noise_energy_x"] > 0.8, $"x noise energy {pca["noise_energy_x"]}");
        Assert.True(pca["subspace_distance_x"] > 0.8);
    }

    [Fact]
    public void Oracle_has_zero_distance_in_both_modalities()
    {
        var fisher = Run([.. Small, ("method", "fisher")]);
        Assert.True(fisher["subspace_distance_x"] < 1e-10);
        Assert.True(fisher["subspace_distance_y"] < 1e-10);
        Assert.Equal(1.0, fisher["fisher_ratio_rel_y"], 9);
    }

    [Fact]
    public void Noise_dims_must_fit_in_both_modalities()
    {
        var (_, errors) = ExperimentCatalog.Resolve(Experiment, new ParameterSet([KeyValuePair.Create("noise_dims", (object)16L)]));
        Assert.Contains(errors, e => e.StartsWith("noise_dims: 16 must be smaller than min(d_x, d_y) = 16", StringComparison.Ordinal));
    }
}
