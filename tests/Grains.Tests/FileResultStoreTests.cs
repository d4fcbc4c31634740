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

    private static PointResult Sample(string id) => new(id, "bench-noop", """{"fail":false,"sleep_ms":0,"x":0.1}""", 3,
        PointStatus.Done, new() { ["value"] = 0.1, ["seed"] = 3 }, null, 42, Cached: true);

    [Fact]
    public async Task Round_trips_a_result_exactly_and_leaves_no_temp_files()
    {
        var store = new FileResultStore(_directory);
        var ct = TestContext.Current.CancellationToken;
        await store.Put(Sample("ab12"), ct);
        await store.Put(Sample("ab12"), ct);
        var back = await store.TryGet("ab12", ct);
        Assert.NotNull(back);
        Assert.Equal(("ab12", 3, PointStatus.Done, 42L, false), (back.Id, back.Seed, back.Status, back.DurationMs, back.Cached));
        Assert.Equal(Sample("ab12").ParamsJson, back.ParamsJson);
        Assert.Equal(0.1, back.Metrics["value"]);
        Assert.Equal(["ab12.json"], Directory.GetFiles(_directory).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Missing_or_damaged_entries_read_as_absent()
    {
        var store = new FileResultStore(_directory);
        var ct = TestContext.Current.CancellationToken;
        Assert.Null(await store.TryGet("cd34", ct));
        Directory.CreateDirectory(_directory);
        await File.WriteAllTextAsync(Path.Combine(_directory, "cd34.json"), "{\"id\": \"cd3", ct);
        Assert.Null(await store.TryGet("cd34", ct));
    }

    [Fact]
    public async Task Ids_that_are_not_hex_are_rejected() =>
        await Assert.ThrowsAsync<ArgumentException>(() => new FileResultStore(_directory).TryGet("../x", TestContext.Current.CancellationToken));

    [Fact]
    public void An_explicit_directory_wins_over_the_environment() =>
        Assert.Equal(Path.GetFullPath("/tmp/somewhere"), ResultStoreLocation.Resolve("/tmp/somewhere"));
}
