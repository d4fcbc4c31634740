using ContrastiveOrleans.Experiments.Abstractions;
using ContrastiveOrleans.Experiments.Conformal;

namespace ContrastiveOrleans.Experiments.Tests.Conformal;

/// <summary>Small, fast runs of the experiment through the catalog's validation.</summary>
internal static class ConformalRuns
{
    public static readonly ConformalSetsExperiment Experiment = new();

    /// <summary>Small data so that one run takes well under a second.</summary>
    public static Dictionary<string, object> Small() => new()
    {
        ["points_per_cluster"] = 60L,
        ["positives"] = 20L,
        ["negatives"] = 20L,
        ["epochs"] = 3L,
    };

    public static IReadOnlyList<string> Errors(Dictionary<string, object> given) =>
        ExperimentCatalog.Resolve(Experiment, new ParameterSet(given)).Errors;

    public static IReadOnlyDictionary<string, double> Run(Dictionary<string, object> given, int seed)
    {
        var (resolved, errors) = ExperimentCatalog.Resolve(Experiment, new ParameterSet(given));
        Assert.Empty(errors);
        // The phases' wall times (data_ms, train_ms, eval_ms) are not results: the determinism checks compare the rest.
        return Experiment.Run(new ExperimentContext(resolved, seed), CancellationToken.None)
            .Where(kv => !kv.Key.EndsWith("_ms", StringComparison.Ordinal)).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
    }
}
