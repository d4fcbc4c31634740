namespace ContrastiveOrleans.Sweeps;

/// <summary>
/// Bounds on sweep input, checked before anything is expanded or run: a hostile or mistaken file is refused in one
/// line instead of exhausting the stack, memory or patience of the machine reading it.
/// </summary>
public static class SpecLimits
{
    /// <summary>Bytes of a sweep file (the shipped ones are under 4 KB).</summary>
    public const int MaxFileBytes = 10 << 20;

    /// <summary>Nesting of YAML mappings and lists (a sweep file needs 4).</summary>
    public const int MaxDepth = 64;

    /// <summary>Values of one grid axis, seed list or choice list.</summary>
    public const int MaxListValues = 100_000;

    /// <summary>Characters of a sweep or curve name (it names files).</summary>
    public const int MaxNameLength = 100;

    /// <summary>Characters of a description.</summary>
    public const int MaxDescriptionLength = 10_000;

    /// <summary>The largest max_points a file may set.</summary>
    public const long MaxPoints = 1_000_000_000;

    public static string Bytes(long bytes) => bytes switch
    {
        >= 1L << 30 => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 30):0.0} GB"),
        >= 1L << 20 => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 20):0.0} MB"),
        _ => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.0} KB"),
    };
}
