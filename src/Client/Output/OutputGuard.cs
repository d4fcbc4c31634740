namespace ContrastiveOrleans.Client.Output;

/// <summary>
/// Decides, before any work, whether a command may write an output directory. The rule: the tool replaces or rewrites
/// a directory only if it is absent, empty, or holds nothing but files the tool wrote there (its
/// <see cref="OutputMarker"/>); and never the current directory, the result store, or a directory holding the sweep
/// file, the store or the current directory, whatever they hold.
/// </summary>
/// <param name="protectedPaths">Paths the output must neither be nor contain, with what to call them, e.g.
/// (store, "the result store").</param>
public sealed class OutputGuard(IEnumerable<(string Path, string What)> protectedPaths)
{
    private readonly List<(string Path, string What)> _protected = [.. protectedPaths.Select(p => (NativeFiles.Canonical(Path.GetFullPath(p.Path)), p.What))];

    /// <summary>The current directory and the sweep file (when there is one) are always protected.</summary>
    public static OutputGuard For(string? specPath, string? store) =>
        new([
            (Environment.CurrentDirectory, "the current directory"),
            .. specPath is null ? [] : new[] { (specPath, "the sweep file") },
            .. store is null ? [] : new[] { (store, "the result store") },
        ]);

    /// <summary>The full path of <paramref name="directory"/>, checked for a command that replaces it wholesale.</summary>
    public string CheckReplaceable(string? directory, string flag)
    {
        var full = OutputPaths.CheckWritableDirectory(directory, flag);
        var canonical = NativeFiles.Canonical(full);
        foreach (var (path, what) in _protected)
        {
            if (OutputPaths.IsWithin(path, canonical))
            {
                throw new UsageException(path == canonical
                    ? $"{flag}: '{full}' is {what}; give a directory of its own for the output (e.g. out/NAME)"
                    : $"{flag}: '{full}' holds {what} ('{path}'), which replacing it would delete; give a directory of its own");
            }
            if (what == "the result store" && OutputPaths.IsWithin(canonical, path))
            {
                throw new UsageException($"{flag}: '{full}' is inside the result store '{path}'; give a directory outside it");
            }
        }
        CheckOwned(full, flag, mustExist: false);
        return full;
    }

    /// <summary>
    /// Refuses a directory holding anything the tool did not write. <paramref name="mustExist"/>: it is an earlier
    /// output to rewrite in place (`report`), so it must be one.
    /// </summary>
    public static void CheckOwned(string full, string flag, bool mustExist)
    {
        ArgumentNullException.ThrowIfNull(full);
        if (!Directory.Exists(full))
        {
            if (mustExist) throw new UsageException($"{flag}: '{full}' is not a directory; give the output directory of a run");
            return;
        }
        string? foreign;
        try
        {
            foreign = Directory.EnumerateFileSystemEntries(full).Any() ? OutputMarker.FirstForeignEntry(full) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"{flag}: '{full}' cannot be read ({e.GetType().Name}); give a directory this user can read");
        }
        if (foreign is not null)
        {
            throw new UsageException(
                $"{flag}: '{full}' holds '{foreign}', which contrastive did not write; it replaces only a new or empty directory or its own earlier output; give another directory");
        }
    }
}
