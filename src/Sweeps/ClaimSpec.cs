using System.Globalization;
using ContrastiveOrleans.Experiments.Abstractions;

namespace ContrastiveOrleans.Sweeps;

/// <summary>
/// A paper's claim about a sweep's results, checked from the 95% interval: either the mean of <see cref="Metric"/>
/// over the points <see cref="Where"/> selects is at least / at most a value, or (with <see cref="A"/> and
/// <see cref="B"/>) the difference a − b, paired by seed and every other parameter, is.
/// </summary>
/// <param name="Where">Axis → allowed values: a point counts only if each axis it names has one of them.</param>
/// <param name="A">The parameter values that pick a point of side a (for a difference claim), else null.</param>
/// <param name="B">The same for side b.</param>
/// <param name="Bound">The value the mean (or difference) is claimed to be at least or at most (unused by a coverage-law
/// claim, <see cref="IsCoverageLaw"/>).</param>
/// <param name="AtLeast">True for at_least, false for at_most.</param>
public sealed record ClaimSpec(
    string Name,
    string? Source,
    string Metric,
    IReadOnlyList<KeyValuePair<string, IReadOnlyList<object>>> Where,
    IReadOnlyList<KeyValuePair<string, object>>? A,
    IReadOnlyList<KeyValuePair<string, object>>? B,
    double Bound,
    bool AtLeast)
{
    public bool IsDifference => A is not null && SlopeAxis is null;

    /// <summary>
    /// The numeric axis of a log-log fit: without sides, the claim is on the slope of log <see cref="Metric"/> against
    /// log of this axis; with sides (<see cref="A"/>, <see cref="B"/>), on the efficiency ratio, how many times more of
    /// it side a needs than side b for the same metric (two lines with a common slope).
    /// </summary>
    public string? SlopeAxis { get; init; }

    public bool IsSlope => SlopeAxis is not null && A is null;

    public bool IsEfficiency => SlopeAxis is not null && A is not null;

    /// <summary>
    /// A claim that <see cref="Metric"/> (one covered-or-not score per test anchor) follows the exact split-conformal
    /// law: checked against the law's 95% band for the total covered count, not a t-interval.
    /// </summary>
    public bool IsCoverageLaw { get; init; }

    /// <summary>True when the point's parameters pass <see cref="Where"/>.</summary>
    public bool Selects(ParameterSet parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        foreach (var (axis, allowed) in Where)
        {
            if (!parameters.TryGetValue(axis, out var v) || !allowed.Any(a => Same(a, v))) return false;
        }
        return true;
    }

    /// <summary>For a difference claim: 'a' or 'b' when the point belongs to that side, else null.</summary>
    public char? SideOf(ParameterSet parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (A is null) return null;
        if (A!.All(kv => parameters.TryGetValue(kv.Key, out var v) && Same(kv.Value, v))) return 'a';
        if (B!.All(kv => parameters.TryGetValue(kv.Key, out var v) && Same(kv.Value, v))) return 'b';
        return null;
    }

    /// <summary>
    /// Recognises a point that repeats another's computation in a claim's pool: a claim pools every axis its where does
    /// not fix, and a point that ignores one of them (a baseline under each temperature) is one computation, counted
    /// once, at the axis's first value (see <see cref="CurveSpec.IsPooledRepeat"/>).
    /// </summary>
    public static CurveSpec Pooling(SweepSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var first = spec.Grid.Where(a => a.Values.Count > 1).ToDictionary(a => a.Name, a => a.Values[0], StringComparer.Ordinal);
        return new CurveSpec("", "", null, "") { PoolCanonical = first, Ignored = spec.Experiment.IgnoredParameters };
    }

    private static bool Same(object expected, object actual) =>
        expected is double or long && actual is double or long
            ? Convert.ToDouble(expected, CultureInfo.InvariantCulture) == Convert.ToDouble(actual, CultureInfo.InvariantCulture)
            : Equals(expected, actual);

    /// <summary>The claim in words, e.g. "nmi(method=infonce) − nmi(method=lda) ≥ -0.03".</summary>
    public string Statement
    {
        get
        {
            var where = Where.Count == 0 ? "" : $" where {string.Join(", ", Where.Select(w => $"{w.Key} in [{string.Join(", ", w.Value.Select(SpecReading.FormatValue))}]"))}";
            if (IsCoverageLaw) return $"{Metric} follows the split-conformal law (coverage in [1−α, 1−α+1/(n+1)], Beta/binomial){where}";
            static string Pick(IReadOnlyList<KeyValuePair<string, object>> side) => string.Join(", ", side.Select(kv => $"{kv.Key}={SpecReading.FormatValue(kv.Value)}"));
            var lhs = IsSlope ? $"log-log slope of {Metric} against {SlopeAxis}"
                : IsEfficiency ? $"{SlopeAxis}({Pick(A!)}) / {SlopeAxis}({Pick(B!)}) for equal {Metric} (common log-log slope)"
                : IsDifference ? $"{Metric}({Pick(A!)}) − {Metric}({Pick(B!)})" : $"mean {Metric}";
            return $"{lhs} {(AtLeast ? "≥" : "≤")} {SpecReading.FormatValue(Bound)}{where}";
        }
    }
}
