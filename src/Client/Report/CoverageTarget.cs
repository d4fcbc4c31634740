using ContrastiveOrleans.Sweeps;
using System.Globalization;
using ContrastiveOrleans.Experiments.Abstractions;
using ContrastiveOrleans.Grains.Contracts;

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

    public static CoverageTarget? For(string experiment, CurveSpec curve, IEnumerable<PointResult> results)
    {
        ArgumentNullException.ThrowIfNull(curve);
        ArgumentNullException.ThrowIfNull(results);
        if (experiment != Experiment || curve.Metric != Metric) return null;
        if (curve.X == AlphaParameter) return new CoverageTarget(true, []);
        var alphas = results
            .Select(r => ParameterSet.FromJson(r.ParamsJson).TryGetValue(AlphaParameter, out var a) ? a : null)
            .OfType<object>()
            .Where(a => a is double or long)
            .Select(a => Convert.ToDouble(a, CultureInfo.InvariantCulture))
            .Distinct()
            .Order()
            .ToList();
        return alphas.Count is > 0 and <= MaxLines ? new CoverageTarget(false, alphas) : null;
    }
}
