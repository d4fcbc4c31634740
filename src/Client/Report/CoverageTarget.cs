using ContrastiveOrleans.Sweeps;

namespace ContrastiveOrleans.Client.Report;

/// <summary>
/// The 1 − α coverage guarantee drawn on conformal curves (experiment conformal-sets, metric coverage): the line
/// y = 1 − x when α is the x axis, otherwise one horizontal line per α the points used.
/// </summary>
public sealed record CoverageTarget(bool AlphaIsX, IReadOnlyList<double> Alphas)
{
    public const string Experiment = "conformal-sets";
    public const string Metric = "coverage";
    public const string AlphaParameter = "alpha";

    /// <summary>More distinct α than this (α swept but not the x axis) would clutter the plot; none are drawn.</summary>
    public const int MaxLines = 6;

    /// <param name="alphas">The distinct α the points used (see <see cref="ResultSummary.Alphas"/>).</param>
    public static CoverageTarget? For(string experiment, CurveSpec curve, IEnumerable<double> alphas)
    {
        ArgumentNullException.ThrowIfNull(curve);
        ArgumentNullException.ThrowIfNull(alphas);
        if (experiment != Experiment || curve.Metric != Metric) return null;
        if (curve.X == AlphaParameter) return new CoverageTarget(true, []);
        var distinct = alphas.Distinct().Order().ToList();
        return distinct.Count is > 0 and <= MaxLines ? new CoverageTarget(false, distinct) : null;
    }
}
