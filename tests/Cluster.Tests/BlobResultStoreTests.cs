using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using ContrastiveOrleans.Grains.Contracts;
using ContrastiveOrleans.Grains.Storage;

namespace ContrastiveOrleans.Cluster.Tests;

public sealed class BlobResultStoreTests(AzuriteFixture fixture) : IClassFixture<AzuriteFixture>
{
    private BlobContainerClient NewContainer() => new BlobServiceClient(fixture.Azurite.ConnectionString, AzureRetry.Configure(new BlobClientOptions()))
        .GetBlobContainerClient($"t{Guid.NewGuid():N}");

    private static string Id(int i) => i.ToString("x32", System.Globalization.CultureInfo.InvariantCulture);

    private static PointResult Result(string id, PointStatus status, double value) =>
        new(id, "bench-noop", """{"x":1.0}""", 0, status, status == PointStatus.Done ? new() { ["value"] = value } : [], status == PointStatus.Done ? null : "boom", 5);

    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Concurrent_puts_go_down_in_few_appends_to_one_segment_and_read_back_exactly()
    {
        var container = NewContainer();
        await using var store = new BlobResultStore(container);
        await Task.WhenAll(Enumerable.Range(0, 500).Select(i => store.Put(Result(Id(i), PointStatus.Done, i), None)));
        var blobs = container.GetBlobs(cancellationToken: None).ToList();
        var segment = Assert.Single(blobs);
        Assert.StartsWith(BlobResultStore.SegmentPrefix, segment.Name, StringComparison.Ordinal);
        Assert.Equal(BlobType.Append, segment.Properties.BlobType);
        // Group commit: far fewer appends (blocks) than results.
        var blocks = (await container.GetAppendBlobClient(segment.Name).GetPropertiesAsync(cancellationToken: None)).Value.BlobCommittedBlockCount;
        Assert.InRange(blocks, 1, 100);
        for (var i = 0; i < 500; i += 37) Assert.Equal(i, (await store.TryGet(Id(i), None))!.Metrics["value"]);
        var many = await store.TryGetMany([.. Enumerable.Range(0, 500).Select(Id)], None);
        Assert.Equal(Enumerable.Range(0, 500).Select(i => (double)i), many.Select(r => r!.Metrics["value"]));
    }

    [Fact]
    public async Task Another_process_finds_every_result_and_a_done_result_is_not_replaced_by_a_failed_one()
    {
        var container = NewContainer();
        await using (var writer = new BlobResultStore(container))
        {
            await writer.Put(Result(Id(1), PointStatus.Done, 1.0), None);
            await writer.Put(Result(Id(1), PointStatus.Failed, 0), None);
            await writer.Put(Result(Id(2), PointStatus.Failed, 0), None);
            await writer.Put(Result(Id(2), PointStatus.Done, 3.0), None);
        }
        await using var reader = new BlobResultStore(container, TimeSpan.Zero);
        Assert.Equal((PointStatus.Done, 1.0), ((await reader.TryGet(Id(1), None))!.Status, (await reader.TryGet(Id(1), None))!.Metrics["value"]));
        Assert.Equal((PointStatus.Done, 3.0), ((await reader.TryGet(Id(2), None))!.Status, (await reader.TryGet(Id(2), None))!.Metrics["value"]));
        Assert.Null(await reader.TryGet(Id(3), None));
        // Appended later by the first process's successor: found by the batch read, which rescans on a miss.
        await using (var later = new BlobResultStore(container))
        {
            await later.Put(Result(Id(4), PointStatus.Done, 4.0), None);
        }
        Assert.Equal(4.0, (await reader.TryGetMany([Id(4)], None))[0]!.Metrics["value"]);
    }

    [Fact]
    public async Task Per_point_blobs_of_the_earlier_layout_are_still_read()
    {
        var container = NewContainer();
        await container.CreateIfNotExistsAsync(cancellationToken: None);
        await container.GetBlobClient($"{BlobResultStore.LegacyPrefix}{Id(9)}.json").UploadAsync(BinaryData.FromString(PointResultJson.ToJson(Result(Id(9), PointStatus.Done, 9))), None);
        await using var store = new BlobResultStore(container);
        Assert.Equal(9.0, (await store.TryGet(Id(9), None))!.Metrics["value"]);
    }

    [Theory]
    [InlineData("../x")]
    [InlineData("points/abc")]
    [InlineData("")]
    [InlineData("00ff")]
    public async Task Only_point_ids_are_stored(string id)
    {
        await using var store = new BlobResultStore(NewContainer());
        await Assert.ThrowsAsync<ArgumentException>(() => store.Put(Result(id, PointStatus.Done, 1), None));
        await Assert.ThrowsAsync<ArgumentException>(() => store.TryGet(id, None));
    }

    [Fact]
    public async Task Archived_sweep_files_live_under_a_hash_of_the_sweep_id()
    {
        var container = NewContainer();
        await using var store = new BlobResultStore(container);
        await store.PutSweepFile("../evil name", SweepArchiveFiles.SweepYaml, "name: x\n", None);
        var name = Assert.Single(container.GetBlobs(cancellationToken: None)).Name;
        Assert.Matches("^sweeps/[0-9a-f]{64}/sweep.yaml$", name);
        await Assert.ThrowsAsync<ArgumentException>(() => store.PutSweepFile("s", "../../x", "", None));
    }
}
