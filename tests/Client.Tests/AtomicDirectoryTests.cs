using ContrastiveOrleans.Client.Output;

namespace ContrastiveOrleans.Client.Tests;

public sealed class AtomicDirectoryTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"contrastive-atomic-{Guid.NewGuid():N}");

    public AtomicDirectoryTests() => Directory.CreateDirectory(_root);

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Target => Path.Combine(_root, "out");

    private static Func<string, Task> Writes(string content) => temp => File.WriteAllTextAsync(Path.Combine(temp, "points.jsonl"), content);

    [Fact]
    public async Task The_directory_is_there_at_every_instant_of_fifty_replacements()
    {
        await AtomicDirectory.ReplaceAsync(Target, Writes("0"));
        using var stop = new CancellationTokenSource();
        var missing = 0;
        var observations = 0;
        var watcher = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                if (!File.Exists(Path.Combine(Target, "points.jsonl"))) missing++;
                observations++;
            }
        }, TestContext.Current.CancellationToken);
        for (var i = 1; i <= 50; i++) await AtomicDirectory.ReplaceAsync(Target, Writes(i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        await stop.CancelAsync();
        await watcher;
        Assert.True(observations > 100, $"only {observations} observations");
        Assert.Equal(0, missing);
        Assert.Equal("50", await File.ReadAllTextAsync(Path.Combine(Target, "points.jsonl"), TestContext.Current.CancellationToken));
        Assert.Equal(["out"], Directory.GetFileSystemEntries(_root).Select(Path.GetFileName));
    }

    [Fact]
    public async Task A_file_a_user_adds_during_the_run_is_kept_with_the_previous_contents()
    {
        await AtomicDirectory.ReplaceAsync(Target, Writes("old"));
        using var warnings = new StringWriter();
        await AtomicDirectory.ReplaceAsync(Target, async temp =>
        {
            await File.WriteAllTextAsync(Path.Combine(Target, "notes.txt"), "added while the sweep ran");
            await Writes("new")(temp);
        }, warnings);
        Assert.Equal("new", File.ReadAllText(Path.Combine(Target, "points.jsonl")));
        var kept = Assert.Single(Directory.GetDirectories(_root, "out.previous-*"));
        Assert.Equal("added while the sweep ran", File.ReadAllText(Path.Combine(kept, "notes.txt")));
        Assert.Contains(kept, warnings.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Leftovers_of_killed_runs_are_removed_or_put_back_and_nothing_else_is_touched()
    {
        var deadPid = 999_999_999;
        string Sibling(string kind, int? pid) => Path.Combine(_root, pid is { } p ? $".out.{kind}-{p}-{Guid.NewGuid():N}" : $".out.{kind}-{Guid.NewGuid():N}");
        // A killed run's temp (marked), an earlier version's temp (output files only), someone else's look-alike.
        var killedTemp = Sibling("tmp", deadPid);
        Directory.CreateDirectory(killedTemp);
        OutputMarker.Write(killedTemp);
        var legacyTemp = Sibling("tmp", null);
        Directory.CreateDirectory(legacyTemp);
        File.WriteAllText(Path.Combine(legacyTemp, "points.jsonl"), "");
        File.WriteAllText(Path.Combine(legacyTemp, "sweep.yaml"), "");
        var notOurs = Sibling("tmp", deadPid);
        Directory.CreateDirectory(notOurs);
        File.WriteAllText(Path.Combine(notOurs, "data.bin"), "x");
        // A run killed between parking the old output and moving the new one in: the old one comes back.
        var parked = Sibling("old", deadPid);
        Directory.CreateDirectory(parked);
        File.WriteAllText(Path.Combine(parked, "points.jsonl"), "parked");
        OutputMarker.Write(parked);

        AtomicDirectory.CleanLeftovers(Target);

        Assert.False(Directory.Exists(killedTemp));
        Assert.False(Directory.Exists(legacyTemp));
        Assert.True(File.Exists(Path.Combine(notOurs, "data.bin")));
        Assert.Equal("parked", File.ReadAllText(Path.Combine(Target, "points.jsonl")));
    }
}
