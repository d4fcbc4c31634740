namespace ContrastiveOrleans.Experiments.Abstractions;

/// <summary>The experiments a silo can run, by name, and the validation of parameters against their schemas.</summary>
public sealed class ExperimentCatalog
{
    private readonly Dictionary<string, IExperiment> _byName;

    public ExperimentCatalog(IEnumerable<IExperiment> experiments)
    {
        ArgumentNullException.ThrowIfNull(experiments);
        _byName = experiments.ToDictionary(e => e.Name, StringComparer.Ordinal);
    }

    /// <summary>Every experiment this build ships.</summary>
    public static ExperimentCatalog Default { get; } = new(
    [
        new BenchNoopExperiment(),
        new Gmm.GmmContrastiveExperiment(),
        new Gmm.GmmClipExperiment(),
        new AlphaCl.AlphaClExperiment(),
        new Conformal.ConformalSetsExperiment(),
        new Images.ImageContrastiveExperiment(),
    ]);

    public IReadOnlyCollection<IExperiment> All => _byName.Values;

    public IReadOnlyList<string> Names => [.. _byName.Keys.Order(StringComparer.Ordinal)];

    public bool TryGet(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out IExperiment? experiment) =>
        _byName.TryGetValue(name, out experiment);

    public IExperiment Get(string name) => _byName.TryGetValue(name, out var e)
        ? e
        : throw new KeyNotFoundException($"experiment: '{name}' is not one of {string.Join(", ", Names)}");

    /// <summary>
    /// Fills defaults and checks names, types, ranges and combinations. Errors are "name: message" lines; the
    /// caller prefixes the field path (e.g. "grid.noise[2]").
    /// </summary>
    public static (ParameterSet Resolved, IReadOnlyList<string> Errors) Resolve(IExperiment experiment, ParameterSet given) =>
        Resolve(experiment, given, checkCombination: true);

    /// <param name="checkCombination">False when the caller checks combinations itself (a sweep checks each distinct
    /// combination once, not once per point).</param>
    public static (ParameterSet Resolved, IReadOnlyList<string> Errors) Resolve(IExperiment experiment, ParameterSet given, bool checkCombination)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        ArgumentNullException.ThrowIfNull(given);
        var errors = new List<string>();
        var known = experiment.Parameters.ToDictionary(p => p.Name, StringComparer.Ordinal);
        foreach (var (name, value) in given)
        {
            if (!known.TryGetValue(name, out var spec))
            {
                errors.Add($"{name}: unknown parameter of {experiment.Name}; known: {string.Join(", ", known.Keys.Order(StringComparer.Ordinal))}");
            }
            else if (spec.Check(value) is { } problem)
            {
                errors.Add($"{name}: {problem}");
            }
        }
        var merged = experiment.Parameters.ToDictionary(p => p.Name, p => p.Default, StringComparer.Ordinal);
        foreach (var (name, value) in given)
        {
            // Integers are valid numbers; store them as doubles so a point id does not depend on how it was typed.
            merged[name] = known.TryGetValue(name, out var spec) && spec.Kind == ParameterKind.Number && value is long l
                ? (double)l
                : value;
        }
        var resolved = new ParameterSet(merged);
        if (errors.Count == 0 && checkCombination) errors.AddRange(experiment.ValidateCombination(resolved));
        return (resolved, errors);
    }
}
