namespace ContrastiveOrleans.Client;

/// <summary>
/// Fills a temp sibling directory and renames it into place, so readers never see a half-written directory and a
/// failure leaves the previous contents untouched.
/// </summary>
public static class AtomicDirectory
{
    public static async Task ReplaceAsync(string directory, Func<string, Task> fill)
    {
        ArgumentNullException.ThrowIfNull(fill);
        var target = Path.GetFullPath(directory).TrimEnd(Path.DirectorySeparatorChar);
        var parent = Path.GetDirectoryName(target)!;
        var leaf = Path.GetFileName(target);
        Directory.CreateDirectory(parent);
        var temp = Path.Combine(parent, $".{leaf}.tmp-{Guid.NewGuid():N}");
        var old = Path.Combine(parent, $".{leaf}.old-{Guid.NewGuid():N}");
        Directory.CreateDirectory(temp);
        try
        {
            await fill(temp).ConfigureAwait(false);
            if (Directory.Exists(target)) Directory.Move(target, old);
            Directory.Move(temp, target);
            if (Directory.Exists(old)) Directory.Delete(old, recursive: true);
        }
        finally
        {
            if (Directory.Exists(temp)) Directory.Delete(temp, recursive: true);
        }
    }
}
