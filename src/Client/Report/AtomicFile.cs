namespace ContrastiveOrleans.Client.Report;

/// <summary>Writes a temp sibling and renames it over the target, so a reader (a browser reloading the live report)
/// sees the old file or the new one, never half of one.</summary>
public static class AtomicFile
{
    public static async Task WriteAsync(string path, Func<Stream, Task> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        var full = Path.GetFullPath(path);
        var temp = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.tmp-{Guid.NewGuid():N}");
        try
        {
            var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 65536, useAsync: true);
            await using (stream.ConfigureAwait(false))
            {
                await write(stream).ConfigureAwait(false);
            }
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    public static Task WriteAllBytesAsync(string path, byte[] bytes, CancellationToken cancellationToken) =>
        WriteAsync(path, s => s.WriteAsync(bytes, cancellationToken).AsTask());

    public static Task WriteAllTextAsync(string path, string text, CancellationToken cancellationToken) =>
        WriteAllBytesAsync(path, new System.Text.UTF8Encoding(false).GetBytes(text), cancellationToken);
}
