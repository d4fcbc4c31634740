using Azure.Storage.Blobs;
using ContrastiveOrleans.Grains.Contracts;
using ContrastiveOrleans.Grains.Storage;

namespace ContrastiveOrleans.Cluster.Tests;

public sealed class BlobResultStoreTests(AzuriteFixture fixture) : IClassFixture<AzuriteFixture>
{
    private BlobResultStore NewStore() => new(new BlobServiceClient(fixture.Azurite.ConnectionString, AzureRetry.Configure(new BlobClientOptions()))
        .GetBlobContainerClient($"t{Guid.NewGuid():N}"));

    private static PointResult Result(string id, PointStatus status, double value) =>
        new(id, "bench-noop", """{"x":1.0}""", 0, status, status == PointStatus.Done ? new() { ["value"] = value } : [], status == PointStatus.Done ? null : "boom", 5);

    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task A_done_point_is_stored_once_and_a_second_put_does_not_replace_it()
    {
        var store = NewStore();
        await store.Put(Result("00ff", PointStatus.Done, 1.0), None);
        await store.Put(Result("00ff", PointStatus.Done, 2.0), None);
        var stored = await store.TryGet("00ff", None);
        Assert.Equal(1.0, stored!.Metrics["value"]);
        Assert.Single(store.Container.GetBlobs(cancellationToken: None));
    }

    [Fact]
    public async Task Concurrent_puts_of_one_point_leave_exactly_the_first_done_result()
    {
        var store = NewStore();
        await Task.WhenAll(Enumerable.Range(1, 8).Select(i => store.Put(Result("abcd", PointStatus.Done, i), None)));
        var stored = await store.TryGet("abcd", None);
        Assert.InRange(stored!.Metrics["value"], 1, 8);
        Assert.Single(store.Container.GetBlobs(cancellationToken: None));
    }

    [Fact]
    public async Task A_failed_result_gives_way_to_a_later_done_one()
    {
        var store = NewStore();
        await store.Put(Result("0a0a", PointStatus.Failed, 0), None);
        Assert.Equal(PointStatus.Failed, (await store.TryGet("0a0a", None))!.Status);
        await store.Put(Result("0a0a", PointStatus.Done, 3.0), None);
        Assert.Equal((PointStatus.Done, 3.0), ((await store.TryGet("0a0a", None))!.Status, (await store.TryGet("0a0a", None))!.Metrics["value"]));
        Assert.Null(await store.TryGet("0b0b", None));
    }

    [Theory]
    [InlineData("../x")]
    [InlineData("points/abc")]
    [InlineData("")]
    public async Task Only_hex_ids_become_blob_names(string id)
    {
        var store = NewStore();
        await Assert.ThrowsAsync<ArgumentException>(() => store.Put(Result(id, PointStatus.Done, 1), None));
        await Assert.ThrowsAsync<ArgumentException>(() => store.TryGet(id, None));
    }

    [Fact]
    public async Task Archived_sweep_files_live_under_a_hash_of_the_sweep_id()
    {
        var store = NewStore();
        await store.PutSweepFile("../evil name", SweepArchiveFiles.SweepYaml, "name: x\n", None);
        var name = Assert.Single(store.Container.GetBlobs(cancellationToken: None)).Name;
        Assert.Matches("^sweeps/[0-9a-f]{64}/sweep.yaml$", name);
        await Assert.ThrowsAsync<ArgumentException>(() => store.PutSweepFile("s", "../../x", "", None));
    }
}
