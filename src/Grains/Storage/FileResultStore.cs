using System.Diagnostics;
using System.Text;
using System.Text.Json;
using ContrastiveOrleans.Grains.Contracts;

namespace ContrastiveOrleans.Grains.Storage;

/// <summary>
/// Results as JSON lines (the points.jsonl format) in append-only segment files, <c>{directory}/segments/*.jsonl</c>.
/// One file per point cost a file creation and a rename each, which dominated short sweeps; a segment takes a batch of
/// results in one write instead. Every store instance appends to segments of its own, so processes can share a
/// directory; an in-memory index (id → line) is built on first use, and on a miss segments written since by other
/// processes are read, at most once per <see cref="RescanInterval"/> (default 2 s). A done result is never replaced by a failed one.
/// Per-point files of the earlier layout (<c>{directory}/{id}.json</c>) are still read.
/// </summary>
public sealed class FileResultStore : IResultStore, IAsyncDisposable, IDisposable
{
    public const string SegmentExtension = ".jsonl";
    private static readonly TimeSpan DefaultRescanInterval = TimeSpan.FromSeconds(2);

    private readonly Dictionary<string, Entry> _index = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ResultSegment> _segments = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly ResultSegmentWriter _writer;
    private readonly string _segmentDirectory;
    private Task? _loaded;
    private long _lastScan;

    public FileResultStore(string directory)
        : this(directory, DefaultRescanInterval)
    {
    }

    /// <param name="rescanInterval">How stale a miss may be about results other processes stored meanwhile.</param>
    public FileResultStore(string directory, TimeSpan rescanInterval)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ArgumentOutOfRangeException.ThrowIfNegative(rescanInterval.Ticks, nameof(rescanInterval));
        RescanInterval = rescanInterval;
        Directory = Path.GetFullPath(directory);
        _segmentDirectory = Path.Combine(Directory, "segments");
        _writer = new ResultSegmentWriter(_segmentDirectory, Written);
    }

    public string Directory { get; }

    public TimeSpan RescanInterval { get; }

    public async Task<PointResult?> TryGet(string pointId, CancellationToken cancellationToken)
    {
        Validate(pointId);
        // The first scan of a large store takes a while: off the caller's (grain scheduler's) thread.
        lock (_gate) _loaded ??= Task.Run(Scan, CancellationToken.None);
        await _loaded.WaitAsync(cancellationToken).ConfigureAwait(false);
        Entry entry;
        lock (_gate)
        {
            if (!_index.TryGetValue(pointId, out entry) && Stopwatch.GetElapsedTime(_lastScan) > RescanInterval)
            {
                Scan();
                _index.TryGetValue(pointId, out entry);
            }
        }
        return entry.Path is null ? null : Read(pointId, entry);
    }

    public Task Put(PointResult result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        Validate(result.Id);
        var line = Encoding.UTF8.GetBytes(PointResultJson.ToJson(result with { Cached = false }) + "\n");
        return _writer.Append(line, result.Id, result.Status == PointStatus.Done).WaitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _writer.DisposeAsync().ConfigureAwait(false);
        CloseSegments();
    }

    public void Dispose()
    {
        _writer.Dispose();
        CloseSegments();
    }

    private void CloseSegments()
    {
        lock (_gate)
        {
            foreach (var segment in _segments.Values) segment.Dispose();
        }
    }

    /// <summary>Reads segments (new ones, and what known ones grew by) and, on the first scan, per-point files.</summary>
    private void Scan()
    {
        lock (_gate)
        {
            var first = _lastScan == 0;
            _lastScan = Stopwatch.GetTimestamp();
            if (System.IO.Directory.Exists(_segmentDirectory))
            {
                foreach (var path in System.IO.Directory.EnumerateFiles(_segmentDirectory, "*" + SegmentExtension).Order(StringComparer.Ordinal))
                {
                    if (!_segments.TryGetValue(path, out var segment)) _segments[path] = segment = new ResultSegment(path);
                    try
                    {
                        segment.ScanNew((offset, line) =>
                        {
                            if (ResultLine.TryReadKey(line.Span, out var id, out var done)) Index(id, new Entry(path, segment, offset, line.Length, done));
                        });
                    }
                    catch (IOException)
                    {
                        // Deleted or unreadable right now: what it held is missing, and is computed again if needed.
                    }
                }
            }
            if (first && System.IO.Directory.Exists(Directory))
            {
                foreach (var path in System.IO.Directory.EnumerateFiles(Directory, "*.json"))
                {
                    var id = Path.GetFileNameWithoutExtension(path);
                    if (ResultLine.IsHexId(id) && !_index.ContainsKey(id)) _index[id] = new Entry(path, null, 0, 0, Done: false);
                }
            }
        }
    }

    private void Written(ResultSegment segment, long offset, int length, string id, bool done)
    {
        lock (_gate)
        {
            _segments.TryAdd(segment.Path, segment);
            segment.Appended(offset + length + 1);
            Index(id, new Entry(segment.Path, segment, offset, length, done));
        }
    }

    private void Index(string id, Entry entry)
    {
        if (_index.TryGetValue(id, out var old) && old.Done && !entry.Done) return;
        _index[id] = entry;
    }

    private static PointResult? Read(string pointId, Entry entry)
    {
        try
        {
            var bytes = entry.Segment is { } segment ? segment.Read(entry.Offset, entry.Length) : File.ReadAllBytes(entry.Path!);
            if (bytes is null) return null;
            using var document = JsonDocument.Parse(bytes);
            var result = PointResultJson.Read(document.RootElement);
            return result.Id == pointId ? result with { Cached = false } : null;
        }
        catch (Exception e) when (e is JsonException or FormatException or KeyNotFoundException or InvalidOperationException or IOException)
        {
            // A damaged or vanished entry is treated as missing: the point is computed again and stored anew.
            return null;
        }
    }

    private static void Validate(string pointId)
    {
        // Ids are hex hashes; anything else could escape the directory (per-point files) or forge a key.
        if (!ResultLine.IsHexId(pointId)) throw new ArgumentException($"point id '{pointId}' is not a hex hash", nameof(pointId));
    }

    private readonly record struct Entry(string? Path, ResultSegment? Segment, long Offset, int Length, bool Done);
}
