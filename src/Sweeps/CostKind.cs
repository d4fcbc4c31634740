using System.Text;
using ContrastiveOrleans.Experiments.Abstractions;

namespace ContrastiveOrleans.Sweeps;

/// <summary>
/// The kind of a point for predicting its cost: its text, boolean and integer parameters (method, epochs, n_train,
/// d, batch ...), not its real-valued ones (noise, lr, temperature) or its seed, which rarely change the work. An ETA
/// weighted by the measured cost of each kind is right when cheap and expensive points are mixed, as they are when
/// LDA and InfoNCE share a sweep.
/// </summary>
public static class CostKind
{
    /// <summary>Kinds counted separately at most; the rest are pooled as <see cref="Other"/>.</summary>
    public const int MaxKinds = 64;

    public const string Other = "(other)";

    public static string Of(IExperiment experiment, string paramsJson) => Of(experiment, ParameterSet.FromJson(paramsJson));

    /// <summary>The kind of a point whose parameters the caller has parsed already.</summary>
    public static string Of(IExperiment experiment, ParameterSet parameters)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        ArgumentNullException.ThrowIfNull(parameters);
        var key = new StringBuilder();
        foreach (var spec in experiment.Parameters)
        {
            if (spec.Kind == ParameterKind.Number || !parameters.TryGetValue(spec.Name, out var value)) continue;
            if (key.Length > 0) key.Append(',');
            key.Append(spec.Name).Append('=').Append(SpecReading.FormatValue(value));
        }
        return key.ToString();
    }

    /// <summary>How many points of each kind the sweep has, or null when it is too large to count quickly.</summary>
    public static IReadOnlyDictionary<string, long>? Totals(SweepPlan plan, long maxPoints = 20_000)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (plan.Count > maxPoints) return null;
        var totals = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var point in plan.Points())
        {
            var kind = Of(plan.Spec.Experiment, point.ParamsJson);
            if (!totals.ContainsKey(kind) && totals.Count >= MaxKinds) kind = Other;
            totals[kind] = totals.GetValueOrDefault(kind) + 1;
        }
        return totals;
    }
}
