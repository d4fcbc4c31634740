using Microsoft.Win32.SafeHandles;

namespace ContrastiveOrleans.Grains.Storage;

/// <summary>
/// One append-only file of results, one JSON object per line. A line exists once its '\n' is on disk: a line still
/// being written by another process, or torn by a crash, is not read (and the segment's writer never appends after a
/// torn line, because every writer starts a segment of its own). The file is opened per operation: a store can hold
/// thousands of segments (one per process that wrote), far more than a process may keep open, and a segment deleted
/// with its store must read as missing rather than be served from an open handle.
/// </summary>
internal sealed class ResultSegment(string path)
{
    public string Path { get; } = path;

    /// <summary>Bytes up to the end of the last complete line read so far.</summary>
    public long Scanned { get; private set; }

    /// <summary>Reads the complete lines after <see cref="Scanned"/>; each is reported with its offset. One scan at a time.</summary>
    public void ScanNew(Action<long, ReadOnlyMemory<byte>> line)
    {
        ArgumentNullException.ThrowIfNull(line);
        byte[] buffer;
        int read;
        using (var handle = Open())
        {
            var length = RandomAccess.GetLength(handle);
            if (length <= Scanned) return;
            buffer = new byte[checked((int)(length - Scanned))];
            read = RandomAccess.Read(handle, buffer, Scanned);
        }
        var start = 0;
        for (var end = Array.IndexOf(buffer, (byte)'\n', 0, read); end >= 0; end = Array.IndexOf(buffer, (byte)'\n', start, read - start))
        {
            if (end > start) line(Scanned + start, buffer.AsMemory(start, end - start));
            start = end + 1;
        }
        Scanned += start;
    }

    /// <summary>The line at an offset from a scan or a write; null when the file no longer holds it.</summary>
    public byte[]? Read(long offset, int length)
    {
        using var handle = Open();
        var buffer = new byte[length];
        return RandomAccess.Read(handle, buffer, offset) == length ? buffer : null;
    }

    /// <summary>Several lines in one open of the file (null where it no longer holds one).</summary>
    public IReadOnlyList<byte[]?> ReadMany(IReadOnlyList<(long Offset, int Length)> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        using var handle = Open();
        var result = new byte[]?[lines.Count];
        for (var i = 0; i < lines.Count; i++)
        {
            var buffer = new byte[lines[i].Length];
            result[i] = RandomAccess.Read(handle, buffer, lines[i].Offset) == buffer.Length ? buffer : null;
        }
        return result;
    }

    // Other writers keep appending and may delete a whole store: share everything.
    private SafeFileHandle Open() => File.OpenHandle(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
}
