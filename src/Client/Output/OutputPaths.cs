using System.Text;

namespace ContrastiveOrleans.Client.Output;

/// <summary>
/// Checks a directory the CLI will create or write (--out, --store) before any work starts, so a bad path is one line
/// and exit code 2 up front, not a stack trace after the sweep ran.
/// </summary>
public static class OutputPaths
{
    private const int MaxPathBytes = 4095;
    private const int MaxNameBytes = 255;

    /// <summary>Names the tool adds beside a directory (temp siblings) are at most this much longer than its own name.</summary>
    private const int SiblingSuffix = 60;

    private static readonly string[] VirtualRoots = ["/proc", "/sys", "/dev"];

    /// <summary>The full path of a directory that can be created (or exists) and written; throws <see cref="UsageException"/>.</summary>
    public static string CheckWritableDirectory(string? path, string flag)
    {
        if (path is null || path.Trim().Length == 0) throw new UsageException($"{flag}: empty path; give a directory");
        if (path.Any(c => char.IsControl(c))) throw new UsageException($"{flag}: the path holds a control character; give a plain directory path");
        string full;
        try
        {
            full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new UsageException($"{flag}: '{path}' is not a valid path");
        }
        if (Encoding.UTF8.GetByteCount(full) > MaxPathBytes) throw new UsageException($"{flag}: the path is longer than {MaxPathBytes} bytes");
        var name = Path.GetFileName(full);
        if (full.Split('/').Any(part => Encoding.UTF8.GetByteCount(part) > MaxNameBytes) || Encoding.UTF8.GetByteCount(name) > MaxNameBytes - SiblingSuffix)
        {
            throw new UsageException($"{flag}: a name in '{Shorten(full)}' is longer than {MaxNameBytes - SiblingSuffix} bytes");
        }
        if (full == "/") throw new UsageException($"{flag}: '/' is the root directory; give a directory of its own");
        if (VirtualRoots.FirstOrDefault(root => full == root || full.StartsWith(root + "/", StringComparison.Ordinal)) is { } virtualRoot)
        {
            throw new UsageException($"{flag}: '{full}' is under {virtualRoot}, a virtual filesystem; give a directory on disk");
        }
        if (File.Exists(full)) throw new UsageException($"{flag}: '{full}' is a file; give a directory");
        if (new FileInfo(full).LinkTarget is not null) throw new UsageException($"{flag}: '{full}' is a symbolic link; give the directory it points to");
        // The nearest existing ancestor must be a directory this process can write into (to create what is missing).
        var existing = Directory.Exists(full) ? full : null;
        for (var dir = Path.GetDirectoryName(full); existing is null && dir is not null; dir = Path.GetDirectoryName(dir))
        {
            if (File.Exists(dir)) throw new UsageException($"{flag}: '{dir}' is a file, so '{full}' cannot be created; give a directory");
            if (Directory.Exists(dir)) existing = dir;
        }
        existing ??= "/";
        // Writes go into the directory and, for a replace, beside it (temp siblings renamed into place).
        var parent = Path.GetDirectoryName(full) ?? "/";
        foreach (var dir in existing == full ? new[] { full, parent } : [existing])
        {
            if (Directory.Exists(dir) && !NativeFiles.CanWriteInto(dir))
            {
                throw new UsageException($"{flag}: '{dir}' is not writable (permission denied or a read-only filesystem)");
            }
        }
        return full;
    }

    /// <summary>True when <paramref name="path"/> is <paramref name="directory"/> or inside it (both full paths).</summary>
    public static bool IsWithin(string path, string directory)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(directory);
        var dir = Path.TrimEndingDirectorySeparator(directory);
        return path == dir || path.StartsWith(dir == "/" ? "/" : dir + "/", StringComparison.Ordinal);
    }

    private static string Shorten(string path) => path.Length <= 80 ? path : path[..40] + "..." + path[^30..];
}
