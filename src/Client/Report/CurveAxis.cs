using System.Globalization;

namespace ContrastiveOrleans.Client.Report;

/// <summary>How a curve's x values are laid out: numeric (linear or log10) or categories at 0, 1, 2, ….</summary>
public sealed class CurveAxis
{
    private readonly Dictionary<string, int> _categoryIndex;

    private CurveAxis(bool numeric, bool log, IReadOnlyList<string> categories)
    {
        IsNumeric = numeric;
        IsLog = log;
        Categories = categories;
        _categoryIndex = categories.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i, StringComparer.Ordinal);
    }

    public bool IsNumeric { get; }

    /// <summary>Numeric, all positive, spanning at least two decades (max / min ≥ 100).</summary>
    public bool IsLog { get; }

    public IReadOnlyList<string> Categories { get; }

    /// <param name="order">The grid's order of the values: categories follow it (others after, sorted).</param>
    public static CurveAxis For(IEnumerable<string> xValues, IReadOnlyList<string>? order = null)
    {
        ArgumentNullException.ThrowIfNull(xValues);
        var distinct = xValues.Distinct(StringComparer.Ordinal).ToList();
        var numbers = distinct.Select(TryNumber).ToList();
        if (distinct.Count > 0 && numbers.All(n => n is not null))
        {
            var values = numbers.Select(n => n!.Value).ToList();
            var log = values.All(v => v > 0) && values.Max() / values.Min() >= 100;
            return new CurveAxis(true, log, []);
        }
        return new CurveAxis(false, false, [.. CurveLayout.InOrder(distinct.Order(StringComparer.Ordinal), c => c, order)]);
    }

    /// <summary>The plot coordinate of an x value (log10 of it on a log axis, the category index otherwise).</summary>
    public double Position(string x)
    {
        if (!IsNumeric) return _categoryIndex[x];
        var value = TryNumber(x) ?? throw new ArgumentException($"'{x}' is not a number", nameof(x));
        return IsLog ? Math.Log10(value) : value;
    }

    public double Position(double value) => IsLog ? Math.Log10(value) : value;

    public static double? TryNumber(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) ? v : null;
}
