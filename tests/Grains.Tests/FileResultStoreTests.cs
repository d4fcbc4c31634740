using ContrastiveOrleans.Grains.Contracts;
using ContrastiveOrleans.Grains.Storage;

namespace ContrastiveOrleans.Grains.Tests;

public sealed class FileResultStoreTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"contrastive-store-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }

    private static PointResult Sample(string id, PointStatus status = PointStatus.Done) => new(id, "bench-noop",
        """{"fail":false,"sleep_ms":0,"x":0.1}""", 3, status, new() { ["value"] = 0.1, ["seed"] = 3 }, null, 42, Cached: true);

    private string SegmentDirectory => Path.Combine(_directory, "segments");

    private string[] Segments() => Directory.Exists(SegmentDirectory) ? Directory.GetFiles(SegmentDirectory) : [];

    [Fact]
    public async Task Round_trips_a_result_exactly_into_one_segment_and_leaves_nothing_else()
    {
        var ct = TestContext.Current.CancellationToken;
        await using (var store = new FileResultStore(_directory))
        {
            await store.Put(Sample("0000000000000000000000000000ab12"), ct);
            await store.Put(Sample("0000000000000000000000000000ab12"), ct);
            var back = await store.TryGet("0000000000000000000000000000ab12", ct);
            Assert.NotNull(back);
            Assert.Equal(("0000000000000000000000000000ab12", 3, PointStatus.Done, 42L, false), (back.Id, back.Seed, back.Status, back.DurationMs, back.Cached));
            Assert.Equal(Sample("0000000000000000000000000000ab12").ParamsJson, back.ParamsJson);
            Assert.Equal(0.1, back.Metrics["value"]);
        }
        var segment = Assert.Single(Segments());
        Assert.EndsWith(".jsonl", segment, StringComparison.Ordinal);
        Assert.Equal(["segments"], Directory.GetFileSystemEntries(_directory).Select(Path.GetFileName));
        // The points.jsonl format, one line per put.
        Assert.All(await File.ReadAllLinesAsync(segment, ct), l => Assert.StartsWith("{\"id\":\"0000000000000000000000000000ab12\",", l, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Concurrent_puts_all_land_and_a_new_instance_reads_them_back()
    {
        var ct = TestContext.Current.CancellationToken;
        var ids = Enumerable.Range(0, 500).Select(i => i.ToString("x32", System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        await using (var writer = new FileResultStore(_directory))
        {
            await Task.WhenAll(ids.Select(id => Task.Run(() => writer.Put(Sample(id), ct), ct)));
        }
        await using var reader = new FileResultStore(_directory);
        foreach (var id in ids) Assert.Equal(id, (await reader.TryGet(id, ct))?.Id);
        Assert.Equal(500, (await File.ReadAllLinesAsync(Assert.Single(Segments()), ct)).Length);
    }

    [Fact]
    public async Task Results_another_process_stores_later_are_found_after_the_rescan_interval()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var mine = new FileResultStore(_directory, TimeSpan.FromMilliseconds(200));
        await using var theirs = new FileResultStore(_directory);
        Assert.Null(await mine.TryGet("0000000000000000000000000000beef", ct));
        await theirs.Put(Sample("0000000000000000000000000000beef"), ct);
        await Task.Delay(300, ct);
        Assert.Equal("0000000000000000000000000000beef", (await mine.TryGet("0000000000000000000000000000beef", ct))?.Id);
        Assert.Single(Segments());
    }

    [Fact]
    public async Task A_done_result_is_not_replaced_by_a_failed_one()
    {
        var ct = TestContext.Current.CancellationToken;
        await using (var store = new FileResultStore(_directory))
        {
            await store.Put(Sample("0000000000000000000000000000cafe"), ct);
            await store.Put(Sample("0000000000000000000000000000cafe", PointStatus.Failed), ct);
            Assert.Equal(PointStatus.Done, (await store.TryGet("0000000000000000000000000000cafe", ct))?.Status);
            await store.Put(Sample("0000000000000000000000000000f00d", PointStatus.Failed), ct);
            await store.Put(Sample("0000000000000000000000000000f00d"), ct);
            Assert.Equal(PointStatus.Done, (await store.TryGet("0000000000000000000000000000f00d", ct))?.Status);
        }
        await using var reopened = new FileResultStore(_directory);
        Assert.Equal(PointStatus.Done, (await reopened.TryGet("0000000000000000000000000000cafe", ct))?.Status);
    }

    [Fact]
    public async Task Torn_and_damaged_lines_read_as_absent_and_are_never_appended_to()
    {
        var ct = TestContext.Current.CancellationToken;
        Directory.CreateDirectory(SegmentDirectory);
        var crashed = Path.Combine(SegmentDirectory, "20260101T000000-1-deadbeef.jsonl");
        var good = PointResultJson.ToJson(Sample("000000000000000000000000000000a1"));
        var torn = PointResultJson.ToJson(Sample("000000000000000000000000000000a3"))[..40];
        await File.WriteAllTextAsync(crashed, good + "\n{\"id\":\"a2\",\"status\":\"done\"\nnot json\n" + torn, ct);
        await using var store = new FileResultStore(_directory);
        Assert.Equal("000000000000000000000000000000a1", (await store.TryGet("000000000000000000000000000000a1", ct))?.Id);
        // A line that parses for its key but not as a result is missing too.
        Assert.Null(await store.TryGet("000000000000000000000000000000a2", ct));
        Assert.Null(await store.TryGet("000000000000000000000000000000a3", ct));
        await store.Put(Sample("000000000000000000000000000000a3"), ct);
        Assert.Equal("000000000000000000000000000000a3", (await store.TryGet("000000000000000000000000000000a3", ct))?.Id);
        Assert.EndsWith(torn, await File.ReadAllTextAsync(crashed, ct), StringComparison.Ordinal);
        Assert.Equal(2, Segments().Length);
    }

    [Fact]
    public async Task Per_point_files_of_the_earlier_layout_are_still_read()
    {
        var ct = TestContext.Current.CancellationToken;
        Directory.CreateDirectory(_directory);
        await File.WriteAllTextAsync(Path.Combine(_directory, "0000000000000000000000000000cd34.json"), PointResultJson.ToJson(Sample("0000000000000000000000000000cd34")), ct);
        await File.WriteAllTextAsync(Path.Combine(_directory, "0000000000000000000000000000cd35.json"), "{\"id\": \"cd3", ct);
        await using var store = new FileResultStore(_directory);
        Assert.Equal("0000000000000000000000000000cd34", (await store.TryGet("0000000000000000000000000000cd34", ct))?.Id);
        Assert.Null(await store.TryGet("0000000000000000000000000000cd35", ct));
        Assert.Null(await store.TryGet("0000000000000000000000000000cd36", ct));
    }

    [Fact]
    public async Task A_store_deleted_under_a_running_process_is_written_anew_and_not_served_from_memory()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var store = new FileResultStore(_directory);
        await store.Put(Sample("0000000000000000000000000000aa01"), ct);
        Directory.Delete(_directory, recursive: true);
        Assert.Null(await store.TryGet("0000000000000000000000000000aa01", ct));
        await store.Put(Sample("0000000000000000000000000000aa02"), ct);
        await using var reopened = new FileResultStore(_directory);
        Assert.Equal("0000000000000000000000000000aa02", (await reopened.TryGet("0000000000000000000000000000aa02", ct))?.Id);
        Assert.Null(await reopened.TryGet("0000000000000000000000000000aa01", ct));
    }

    [Fact]
    public async Task Reading_many_segments_keeps_no_file_open()
    {
        var ct = TestContext.Current.CancellationToken;
        Directory.CreateDirectory(SegmentDirectory);
        // One segment per process that ever wrote: a store used for months holds thousands, more than a process may open.
        for (var i = 0; i < 300; i++)
        {
            await File.WriteAllTextAsync(Path.Combine(SegmentDirectory, $"20260101T000000-{i}-00000000.jsonl"),
                PointResultJson.ToJson(Sample(i.ToString("x32", System.Globalization.CultureInfo.InvariantCulture))) + "\n", ct);
        }
        // Descriptors of this process that point into this store (other tests open files of their own meanwhile).
        int OpenSegments() => Directory.GetFiles("/proc/self/fd").Count(fd => Target(fd)?.StartsWith(SegmentDirectory, StringComparison.Ordinal) == true);
        static string? Target(string fd)
        {
            try
            {
                return new FileInfo(fd).LinkTarget;
            }
            catch (IOException)
            {
                return null;  // closed since the listing
            }
        }
        await using var store = new FileResultStore(_directory);
        for (var i = 0; i < 300; i += 7) Assert.NotNull(await store.TryGet(i.ToString("x32", System.Globalization.CultureInfo.InvariantCulture), ct));
        Assert.Equal(0, OpenSegments());
    }

    [Fact]
    public async Task Puts_after_closing_fail_loudly()
    {
        var store = new FileResultStore(_directory);
        await store.DisposeAsync();
        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.Put(Sample("000000000000000000000000000000ab"), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Ids_that_are_not_hex_are_rejected()
    {
        await using var store = new FileResultStore(_directory);
        await Assert.ThrowsAsync<ArgumentException>(() => store.TryGet("../x", TestContext.Current.CancellationToken));
        await Assert.ThrowsAsync<ArgumentException>(() => store.Put(Sample("zz"), TestContext.Current.CancellationToken));
    }

    [Fact]
    public void An_explicit_directory_wins_over_the_environment() =>
        Assert.Equal(Path.GetFullPath("/tmp/somewhere"), ResultStoreLocation.Resolve("/tmp/somewhere"));
}
