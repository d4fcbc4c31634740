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
    public bool IsDifference => A is not null;

    /// <summary>
    /// A claim that <see cref="Metric"/> (one covered-or-not score per test anchor) follows the exact split-conformal
    /// law: checked against the law's 95% band for the total covered count, not a t-interval.
    /// </summary>
    public bool IsCoverageLaw { get; init; }

    /// <summary>The claim in words, e.g. "nmi(method=infonce) − nmi(method=lda) ≥ -0.03".</summary>
    public string Statement
    {
        get
        {
            var where = Where.Count == 0 ? "" : $" where {string.Join(", ", Where.Select(w => $"{w.Key} in [{string.Join(", ", w.Value.Select(SpecReading.FormatValue))}]"))}";
            if (IsCoverageLaw) return $"{Metric} follows the split-conformal law (coverage in [1−α, 1−α+1/(n+1)], Beta/binomial){where}";
            static string Pick(IReadOnlyList<KeyValuePair<string, object>> side) => string.Join(", ", side.Select(kv => $"{kv.Key}={SpecReading.FormatValue(kv.Value)}"));
            var lhs = IsDifference ? $"{Metric}({Pick(A!)}) − {Metric}({Pick(B!)})" : $"mean {Metric}";
            return $"{lhs} {(AtLeast ? "≥" : "≤")} {SpecReading.FormatValue(Bound)}{where}";
        }
    }
}
