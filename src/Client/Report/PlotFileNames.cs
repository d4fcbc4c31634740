namespace ContrastiveOrleans.Client.Report;

/// <summary>
/// File stems for plots/&lt;curve&gt;.svg: curve names are free text in the sweep file, so anything outside
/// [A-Za-z0-9._-] becomes '_' (no path separators, no leading dot) and clashes get a numeric suffix.
/// </summary>
public static class PlotFileNames
{
    public static IReadOnlyList<string> Assign(IEnumerable<string> curveNames)
    {
        ArgumentNullException.ThrowIfNull(curveNames);
        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var stems = new List<string>();
        foreach (var name in curveNames)
        {
            var stem = Sanitize(name);
            var candidate = stem;
            for (var i = 2; !used.Add(candidate); i++) candidate = $"{stem}-{i}";
            stems.Add(candidate);
        }
        return stems;
    }

    public static string Sanitize(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var chars = name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_').ToArray();
        var stem = new string(chars).TrimStart('.');
        if (stem.Length > 100) stem = stem[..100];
        return stem.Length == 0 ? "curve" : stem;
    }
}
