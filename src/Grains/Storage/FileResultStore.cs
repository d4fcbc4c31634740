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
/// Per-point files of the earlier layout (<c>{directory}/{id}.json</c>) are still read. The index is compact: a point
/// id is its 128 bits and an entry names its segment by number, about 45 bytes a result (10⁶ results: 45 MB).
/// </summary>
public sealed class FileResultStore : IResultStore, IAsyncDisposable, IDisposable
{
    public const string SegmentExtension = ".jsonl";
    private static readonly TimeSpan DefaultRescanInterval = TimeSpan.FromSeconds(2);

    private readonly ResultIndex _index = new();
    private readonly List<ResultSegment> _segments = [];
    private readonly HashSet<string> _own = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly ResultSegmentWriter _writer;
    private readonly string _segmentDirectory;
    private Task? _loaded;
    private Task? _rescan;
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
        // Scans read whole segments: they run off the caller's (grain scheduler's) thread, one at a time.
        Task loaded;
        lock (_gate)
        {
            // A first scan that failed (it should not: Scan skips what it cannot read) is tried again, not cached.
            if (_loaded is { IsFaulted: true }) _loaded = null;
            loaded = _loaded ??= Task.Run(Scan, CancellationToken.None);
        }
        await loaded.WaitAsync(cancellationToken).ConfigureAwait(false);
        if (Lookup(pointId) is { } entry) return Read(pointId, entry);
        Task? rescan;
        lock (_gate) rescan = Stopwatch.GetElapsedTime(_lastScan) > RescanInterval ? _rescan ??= Task.Run(Rescan, CancellationToken.None) : null;
        if (rescan is null) return null;
        await rescan.WaitAsync(cancellationToken).ConfigureAwait(false);
        return Lookup(pointId) is { } found ? Read(pointId, found) : null;
    }

    /// <summary>Many results at once: one open per segment they are in, not one per result (an output page).</summary>
    public async Task<IReadOnlyList<PointResult?>> TryGetMany(IReadOnlyList<string> pointIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pointIds);
        var results = new PointResult?[pointIds.Count];
        if (pointIds.Count == 0) return results;
        foreach (var id in pointIds) Validate(id);
        Task loaded;
        lock (_gate)
        {
            if (_loaded is { IsFaulted: true }) _loaded = null;
            loaded = _loaded ??= Task.Run(Scan, CancellationToken.None);
        }
        await loaded.WaitAsync(cancellationToken).ConfigureAwait(false);
        if (pointIds.Any(id => Lookup(id) is null))
        {
            // The output asks for results that exist: a miss means another process stored it since the last scan.
            Task rescan;
            lock (_gate) rescan = _rescan ??= Task.Run(Rescan, CancellationToken.None);
            await rescan.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        var bySegment = new Dictionary<int, List<(int Position, ResultEntry Entry)>>();
        for (var i = 0; i < pointIds.Count; i++)
        {
            if (Lookup(pointIds[i]) is not { } entry) continue;
            if (entry.Segment < 0)
            {
                results[i] = Read(pointIds[i], entry);
                continue;
            }
            if (!bySegment.TryGetValue(entry.Segment, out var list)) bySegment[entry.Segment] = list = [];
            list.Add((i, entry));
        }
        foreach (var (number, entries) in bySegment)
        {
            ResultSegment segment;
            lock (_gate) segment = _segments[number];
            IReadOnlyList<byte[]?> lines;
            try
            {
                lines = segment.ReadMany([.. entries.Select(e => (e.Entry.Offset, e.Entry.Length))]);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue;
            }
            for (var k = 0; k < entries.Count; k++) results[entries[k].Position] = Parse(pointIds[entries[k].Position], lines[k]);
        }
        return results;
    }

    public Task Put(PointResult result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        Validate(result.Id);
        var line = Encoding.UTF8.GetBytes(PointResultJson.ToJson(result with { Cached = false }) + "\n");
        return _writer.Append(line, result.Id, result.Status == PointStatus.Done).WaitAsync(cancellationToken);
    }

    public ValueTask DisposeAsync() => _writer.DisposeAsync();

    public void Dispose() => _writer.Dispose();

    /// <summary>
    /// Reads other writers' segments (new ones, and what known ones grew by) and, on the first scan, per-point files.
    /// File reads happen outside the lock; only the index update holds it.
    /// </summary>
    private void Scan()
    {
        bool first;
        lock (_gate)
        {
            first = _lastScan == 0;
            _lastScan = Stopwatch.GetTimestamp();
        }
        var found = new List<(string Id, ResultEntry Entry)>();
        foreach (var path in Files(_segmentDirectory, "*" + SegmentExtension).Order(StringComparer.Ordinal))
        {
            ResultSegment segment;
            int number;
            lock (_gate)
            {
                // This store's own segments are indexed as they are written.
                if (_own.Contains(path)) continue;
                (segment, number) = SegmentOf(path, null);
            }
            try
            {
                segment.ScanNew((offset, line) =>
                {
                    if (ResultLine.TryReadKey(line.Span, out var id, out var done)) found.Add((id, new ResultEntry(number, offset, line.Length, done)));
                });
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Deleted or unreadable right now: what it held is missing, and is computed again if needed.
            }
        }
        var legacy = first
            ? Files(Directory, "*.json").Select(path => Path.GetFileNameWithoutExtension(path)).Where(ResultIndex.IsPointId).ToList()
            : [];
        lock (_gate)
        {
            foreach (var (id, entry) in found) _index.Add(id, entry);
            foreach (var id in legacy) _index.AddLegacy(id);
        }
    }

    private void Rescan()
    {
        try
        {
            Scan();
        }
        finally
        {
            lock (_gate) _rescan = null;
        }
    }

    /// <summary>The files of a directory now; none when it is missing or unreadable (it may be deleted at any time).</summary>
    private static List<string> Files(string directory, string pattern)
    {
        try
        {
            return [.. System.IO.Directory.EnumerateFiles(directory, pattern)];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    private ResultEntry? Lookup(string pointId)
    {
        lock (_gate) return _index.Find(pointId);
    }

    private void Written(ResultSegment segment, long offset, int length, string id, bool done)
    {
        lock (_gate)
        {
            _own.Add(segment.Path);
            // A scan may have met the new file first: keep one reader per path.
            var (_, number) = SegmentOf(segment.Path, segment);
            _index.Add(id, new ResultEntry(number, offset, length, done));
        }
    }

    /// <summary>The reader and number of a segment path (called under the lock).</summary>
    private (ResultSegment Segment, int Number) SegmentOf(string path, ResultSegment? written)
    {
        var number = _index.Segment(path);
        if (number == _segments.Count) _segments.Add(written ?? new ResultSegment(path));
        return (_segments[number], number);
    }

    private PointResult? Read(string pointId, ResultEntry entry)
    {
        try
        {
            byte[]? bytes;
            if (entry.Segment < 0) bytes = File.ReadAllBytes(Path.Combine(Directory, pointId + ".json"));
            else
            {
                ResultSegment segment;
                lock (_gate) segment = _segments[entry.Segment];
                bytes = segment.Read(entry.Offset, entry.Length);
            }
            return Parse(pointId, bytes);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A vanished entry is treated as missing: the point is computed again and stored anew.
            return null;
        }
    }

    private static PointResult? Parse(string pointId, byte[]? bytes)
    {
        if (bytes is null) return null;
        try
        {
            using var document = JsonDocument.Parse(bytes);
            var result = PointResultJson.Read(document.RootElement);
            return result.Id == pointId ? result with { Cached = false } : null;
        }
        catch (Exception e) when (e is JsonException or FormatException or KeyNotFoundException or InvalidOperationException)
        {
            // A damaged entry is treated as missing: the point is computed again and stored anew.
            return null;
        }
    }

    private static void Validate(string pointId)
    {
        // Ids are hex hashes; anything else could escape the directory (per-point files) or forge a key.
        if (!ResultIndex.IsPointId(pointId)) throw new ArgumentException($"point id '{pointId}' is not a point id (32 hex digits)", nameof(pointId));
    }

}
