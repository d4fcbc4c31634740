using System.Globalization;

namespace ContrastiveOrleans.Grains;

/// <summary>Orders parameter values: numbers numerically (so 10 follows 9), then everything else as ordinal text.</summary>
public sealed class ValueComparer : IComparer<object?>
{
    public static ValueComparer Instance { get; } = new();

    public int Compare(object? x, object? y)
    {
        if (x is double or long && y is double or long)
        {
            return Convert.ToDouble(x, CultureInfo.InvariantCulture).CompareTo(Convert.ToDouble(y, CultureInfo.InvariantCulture));
        }
        if (x is double or long) return -1;
        if (y is double or long) return 1;
        return string.CompareOrdinal(x is null ? "" : Stats.CurveAggregator.Text(x), y is null ? "" : Stats.CurveAggregator.Text(y));
    }
}
