using ContrastiveOrleans.Experiments.Abstractions;

namespace ContrastiveOrleans.Experiments.Tests.Parameters;

/// <summary>
/// What an experiment declares it ignores, it ignores: the same point with every ignored parameter changed gives the
/// same numbers (the phases' wall times aside), so leaving them out of the point id loses nothing. And a parameter that is read
/// does change them (the check can fail).
/// </summary>
public sealed class IgnoredParametersTests
{
    private const string GmmSmall = """{"d":8,"k":3,"r":2,"n_train":600,"n_test":200}""";
    private const string GmmTrainingChanged = """{"epochs":2,"batch":32,"lr":0.2,"optimizer":"sgd","temperature":0.05,"normalize":true,"schedule":"constant"}""";
    private const string ClipSmall = """{"d_x":8,"d_y":6,"k":3,"r":2,"n_train":600,"n_test":200,"noise_dims":1}""";
    private const string AlphaSmall = """{"d":8,"k":3,"n_train":300,"n_test":150,"epochs":2,"batch":32,"width":4,"fixed_steps":60}""";
    private const string ShapeChanged = """{"objective":"neg","lambda":0.5,"epochs":7,"lr":0.9,"batch":16,"scale":2.0,"patience":2,"p_min":1.0,"p_max":3.0}""";

    public static TheoryData<string, string, string, string> Cases => new()
    {
        { "gmm-contrastive", GmmSmall, """{"method":"lda"}""", GmmTrainingChanged },
        { "gmm-contrastive", GmmSmall, """{"method":"pca"}""", GmmTrainingChanged },
        { "gmm-contrastive", GmmSmall, """{"method":"fisher"}""", GmmTrainingChanged },
        { "gmm-contrastive", GmmSmall, """{"method":"random"}""", GmmTrainingChanged },
        { "gmm-clip", ClipSmall, """{"method":"lda"}""", GmmTrainingChanged },
        { "gmm-clip", ClipSmall, """{"method":"pca"}""", GmmTrainingChanged },
        { "gmm-clip", ClipSmall, """{"method":"random"}""", GmmTrainingChanged },
        { "alpha-cl", AlphaSmall, """{"loss":"ntxent","encoder":"linear"}""", """{"fixed_steps":5,"p":1.5,"power":0.5,"alpha_eps":0.3,"depth":5}""" },
        { "alpha-cl", AlphaSmall, """{"loss":"alpha-quadratic","encoder":"deep-linear"}""",
            """{"data_dir":"/nonexistent","channels":3,"pool":1,"crop_scale":0.5,"shift":3,"flip":false,"pixel_noise":0.7,"optimizer":"sgd","schedule":"constant"}""" },
        { "alpha-cl", AlphaSmall, """{"loss":"alpha-exp","encoder":"relu2"}""", """{"fixed_steps":5,"power":0.5,"depth":5}""" },
        { "alpha-cl", AlphaSmall, """{"loss":"alpha-inverse","fixed_alpha":true}""", """{"epochs":9,"p":1.5}""" },
        { "conformal-sets", "{\"points_per_cluster\":40}", """{"set":"ball"}""", ShapeChanged },
        { "conformal-sets", "{\"points_per_cluster\":40}", """{"set":"mahalanobis"}""", ShapeChanged },
        { "conformal-sets", "{\"points_per_cluster\":40,\"epochs\":2}", """{"set":"single-norm"}""", """{"embedding":"pca"}""" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Changing_only_ignored_parameters_gives_the_same_numbers(string experiment, string size, string point, string changes)
    {
        var e = ExperimentCatalog.Default.Get(experiment);
        var baseline = Resolve(e, size, point, "{}");
        var changed = Resolve(e, size, point, changes);
        var ignored = e.IgnoredParameters(baseline);
        // Every changed parameter is one the experiment declares ignored, under both parameter sets.
        Assert.All(ParameterSet.FromJson(changes).Keys, k => Assert.Contains(k, ignored));
        Assert.Equal(ignored.Order(), e.IgnoredParameters(changed).Order());
        Assert.Equal(Run(e, baseline), Run(e, changed));
    }

    [Fact]
    public void A_parameter_that_is_read_changes_the_numbers()
    {
        var e = ExperimentCatalog.Default.Get("gmm-contrastive");
        var infonce = Resolve(e, GmmSmall, """{"method":"infonce","epochs":2}""", "{}");
        Assert.DoesNotContain("temperature", e.IgnoredParameters(infonce));
        Assert.NotEqual(Run(e, infonce), Run(e, Resolve(e, GmmSmall, """{"method":"infonce","epochs":2}""", """{"temperature":0.05}""")));
    }

    private static ParameterSet Resolve(IExperiment e, params string[] parts)
    {
        var given = parts.Select(ParameterSet.FromJson).Aggregate(ParameterSet.Empty, (a, b) => a.With(b));
        var (resolved, errors) = ExperimentCatalog.Resolve(e, given);
        Assert.Empty(errors);
        return resolved;
    }

    private static SortedDictionary<string, double> Run(IExperiment e, ParameterSet parameters) =>
        new(e.Run(new ExperimentContext(parameters, Seed: 3), TestContext.Current.CancellationToken)
            .Where(kv => !kv.Key.EndsWith("_ms", StringComparison.Ordinal)).ToDictionary(kv => kv.Key, kv => kv.Value), StringComparer.Ordinal);
}
