using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using ContrastiveOrleans.Grains.Contracts;

namespace ContrastiveOrleans.Grains.Storage;

/// <summary>
/// Results in Azure Blob Storage as JSON lines (the points.jsonl format) in append blobs, <c>segments/*.jsonl</c>, one
/// series per process: concurrent points go down in one append (group commit, <see cref="BlobSegmentWriter"/>), not a
/// blob each, so a result costs its line plus a share of one request. Each append is conditioned on the blob's length,
/// so a retried request whose first try landed is detected, not appended twice. Every process keeps a compact index
/// (id → segment, offset, length; <see cref="ResultIndex"/>) built from the segments on first use and brought up to date
/// by reading what other processes appended since, on a miss (at most every <see cref="RescanInterval"/>) and whenever
/// a batch read misses. A done result is never replaced by a failed one. Per-point blobs of the earlier layout
/// (<c>points/{id}.json</c>) are still read.
/// </summary>
public sealed class BlobResultStore : IResultStore, ISweepArchive, IAsyncDisposable
{
    public const string SegmentPrefix = "segments/";
    public const string LegacyPrefix = "points/";

    /// <summary>Neighbouring lines closer than this are read in one ranged request.</summary>
    private const long CoalesceGap = 64 << 10;

    private readonly ResultIndex _index = new();
    private readonly Dictionary<int, long> _scanned = [];
    private readonly HashSet<int> _own = [];
    private readonly Lock _gate = new();
    private readonly BlobSegmentWriter _writer;
    private Task? _loaded;
    private Task? _rescan;
    private long _lastScan;

    // A miss rereads what other silos appended at most this often: each reread lists the segments and downloads
    // their growth, so every silo rereading every 2 s cost Azurite more than the results themselves. Batch reads
    // (the output, a shard's final check) reread whenever they miss, so nothing recorded is ever missed.
    public BlobResultStore(BlobContainerClient container)
        : this(container, TimeSpan.FromSeconds(10))
    {
    }

    public BlobResultStore(BlobContainerClient container, TimeSpan rescanInterval)
    {
        Container = container ?? throw new ArgumentNullException(nameof(container));
        RescanInterval = rescanInterval;
        _writer = new BlobSegmentWriter(container, Written);
    }

    public BlobContainerClient Container { get; }

    public TimeSpan RescanInterval { get; }

    public async Task<PointResult?> TryGet(string pointId, CancellationToken cancellationToken)
    {
        Validate(pointId);
        await Loaded(cancellationToken).ConfigureAwait(false);
        if (Lookup(pointId) is null)
        {
            Task? rescan;
            lock (_gate) rescan = Stopwatch.GetElapsedTime(_lastScan) > RescanInterval ? _rescan ??= Rescan() : null;
            if (rescan is null) return null;
            await rescan.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        return Lookup(pointId) is { } entry ? (await ReadEntries([(pointId, entry)], cancellationToken).ConfigureAwait(false))[0] : null;
    }

    public async Task<IReadOnlyList<PointResult?>> TryGetMany(IReadOnlyList<string> pointIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pointIds);
        foreach (var id in pointIds) Validate(id);
        await Loaded(cancellationToken).ConfigureAwait(false);
        if (pointIds.Any(id => Lookup(id) is null))
        {
            // The output asks for results that exist: a miss means another silo appended it since the last scan.
            Task rescan;
            lock (_gate) rescan = _rescan ??= Rescan();
            await rescan.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        var found = new List<(int Position, string Id, ResultEntry Entry)>();
        for (var i = 0; i < pointIds.Count; i++)
        {
            if (Lookup(pointIds[i]) is { } entry) found.Add((i, pointIds[i], entry));
        }
        var read = await ReadEntries([.. found.Select(f => (f.Id, f.Entry))], cancellationToken).ConfigureAwait(false);
        var results = new PointResult?[pointIds.Count];
        for (var k = 0; k < found.Count; k++) results[found[k].Position] = read[k];
        return results;
    }

    public Task Put(PointResult result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        Validate(result.Id);
        var line = Encoding.UTF8.GetBytes(PointResultJson.ToJson(result with { Cached = false }) + "\n");
        return _writer.Append(line, result.Id, result.Status == PointStatus.Done).WaitAsync(cancellationToken);
    }

    public async Task PutSweepFile(string sweepId, string fileName, string content, CancellationToken cancellationToken)
    {
        if (!SweepArchiveFiles.IsKnown(fileName)) throw new ArgumentException($"'{fileName}' is not an archive file", nameof(fileName));
        await _writer.EnsureContainer(cancellationToken).ConfigureAwait(false);
        var blob = Container.GetBlobClient($"{SweepArchiveFiles.Folder(sweepId)}/{fileName}");
        await blob.UploadAsync(BinaryData.FromString(content), overwrite: true, cancellationToken).ConfigureAwait(false);
    }

    public ValueTask DisposeAsync() => _writer.DisposeAsync();

    private Task Loaded(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            // A first scan that failed (storage unreachable) is tried again, not cached.
            if (_loaded is { IsFaulted: true }) _loaded = null;
            return (_loaded ??= Scan(first: true)).WaitAsync(cancellationToken);
        }
    }

    private async Task Rescan()
    {
        try
        {
            await Scan(first: false).ConfigureAwait(false);
        }
        finally
        {
            lock (_gate) _rescan = null;
        }
    }

    /// <summary>Lists the segments and reads what each grew by since (this process's own are indexed as written).</summary>
    private async Task Scan(bool first)
    {
        lock (_gate) _lastScan = Stopwatch.GetTimestamp();
        var found = new List<(string Id, ResultEntry Entry)>();
        try
        {
            await foreach (var blob in Container.GetBlobsAsync(new GetBlobsOptions { Prefix = SegmentPrefix }).ConfigureAwait(false))
            {
                int number;
                long scanned;
                lock (_gate)
                {
                    number = _index.Segment(blob.Name);
                    if (_own.Contains(number)) continue;
                    scanned = _scanned.GetValueOrDefault(number);
                }
                var length = blob.Properties.ContentLength ?? 0;
                if (length <= scanned) continue;
                var bytes = (await Container.GetBlobClient(blob.Name).DownloadContentAsync(
                    new BlobDownloadOptions { Range = new HttpRange(scanned, length - scanned) }).ConfigureAwait(false)).Value.Content.ToArray();
                var start = 0;
                for (var end = Array.IndexOf(bytes, (byte)'\n'); end >= 0; end = Array.IndexOf(bytes, (byte)'\n', start))
                {
                    if (end > start && ResultLine.TryReadKey(bytes.AsSpan(start, end - start), out var id, out var done))
                    {
                        found.Add((id, new ResultEntry(number, scanned + start, end - start, done)));
                    }
                    start = end + 1;
                }
                // A line still being appended has no '\n' yet: it is read on a later scan.
                lock (_gate) _scanned[number] = scanned + start;
            }
            var legacy = new List<string>();
            if (first)
            {
                await foreach (var blob in Container.GetBlobsAsync(new GetBlobsOptions { Prefix = LegacyPrefix }).ConfigureAwait(false))
                {
                    var name = blob.Name[LegacyPrefix.Length..];
                    if (name.EndsWith(".json", StringComparison.Ordinal)) legacy.Add(name[..^5]);
                }
            }
            lock (_gate)
            {
                foreach (var (id, entry) in found) _index.Add(id, entry);
                foreach (var id in legacy) _index.AddLegacy(id);
            }
        }
        catch (RequestFailedException e) when (e.ErrorCode == "ContainerNotFound")
        {
            // Nothing stored yet.
        }
    }

    private ResultEntry? Lookup(string pointId)
    {
        lock (_gate) return _index.Find(pointId);
    }

    private void Written(string blobName, long offset, int length, string id, bool done)
    {
        lock (_gate)
        {
            var number = _index.Segment(blobName);
            _own.Add(number);
            _index.Add(id, new ResultEntry(number, offset, length, done));
        }
    }

    /// <summary>Reads entries, coalescing neighbours of a segment into one ranged download each.</summary>
    private async Task<PointResult?[]> ReadEntries(IReadOnlyList<(string Id, ResultEntry Entry)> entries, CancellationToken cancellationToken)
    {
        var results = new PointResult?[entries.Count];
        var bySegment = entries.Select((e, i) => (e.Id, e.Entry, Position: i)).Where(e => e.Entry.Segment >= 0).GroupBy(e => e.Entry.Segment);
        foreach (var (id, _, position) in entries.Select((e, i) => (e.Id, e.Entry, i)).Where(e => e.Entry.Segment < 0))
        {
            results[position] = await ReadLegacy(id, cancellationToken).ConfigureAwait(false);
        }
        foreach (var segment in bySegment)
        {
            string name;
            lock (_gate) name = _index.SegmentName(segment.Key);
            var blob = Container.GetBlobClient(name);
            var sorted = segment.OrderBy(e => e.Entry.Offset).ToList();
            for (var a = 0; a < sorted.Count;)
            {
                var b = a;
                var end = sorted[a].Entry.Offset + sorted[a].Entry.Length;
                while (b + 1 < sorted.Count && sorted[b + 1].Entry.Offset - end < CoalesceGap)
                {
                    b++;
                    end = Math.Max(end, sorted[b].Entry.Offset + sorted[b].Entry.Length);
                }
                var from = sorted[a].Entry.Offset;
                byte[] bytes;
                try
                {
                    bytes = (await blob.DownloadContentAsync(new BlobDownloadOptions { Range = new HttpRange(from, end - from) }, cancellationToken).ConfigureAwait(false)).Value.Content.ToArray();
                }
                catch (RequestFailedException e) when (e.Status == 404)
                {
                    // Deleted with its container: what it held is missing, and is computed again if needed.
                    bytes = [];
                }
                for (var k = a; k <= b; k++)
                {
                    var (id, entry, position) = sorted[k];
                    var offset = (int)(entry.Offset - from);
                    results[position] = offset + entry.Length <= bytes.Length ? Parse(id, bytes.AsSpan(offset, entry.Length)) : null;
                }
                a = b + 1;
            }
        }
        return results;
    }

    private async Task<PointResult?> ReadLegacy(string pointId, CancellationToken cancellationToken)
    {
        try
        {
            var download = await Container.GetBlobClient($"{LegacyPrefix}{pointId}.json").DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            return Parse(pointId, download.Value.Content.ToMemory().Span);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    private static PointResult? Parse(string pointId, ReadOnlySpan<byte> line)
    {
        try
        {
            var reader = new Utf8JsonReader(line);
            using var document = JsonDocument.ParseValue(ref reader);
            var result = PointResultJson.Read(document.RootElement);
            return result.Id == pointId ? result with { Cached = false } : null;
        }
        catch (Exception e) when (e is JsonException or FormatException or KeyNotFoundException or InvalidOperationException)
        {
            // A damaged entry is treated as missing: the point is computed again and stored anew.
            return null;
        }
    }

    /// <summary>Ids are hex hashes; blob names are built from nothing else.</summary>
    private static void Validate(string pointId)
    {
        if (!ResultIndex.IsPointId(pointId)) throw new ArgumentException($"point id '{pointId}' is not a point id (32 hex digits)", nameof(pointId));
    }
}
