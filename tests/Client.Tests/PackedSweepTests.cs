using System.Text.Json;

namespace ContrastiveOrleans.Client.Tests;

/// <summary>resources.pack through the embedded silo: points train together and keep the numbers they get alone.</summary>
public sealed class PackedSweepTests : IDisposable
{
    private const string Sweep = """
        name: packed
        experiment: gmm-contrastive
        seeds: 4
        params: {d: 8, k: 3, r: 2, n_train: 1200, n_test: 300, epochs: 2, batch: 64}
        grid:
          noise: [0.0, 0.3]
          lr: [0.01, 0.03]
          method: [infonce, lda]
        curves:
          - {name: by-noise, x: noise, series: method, metric: subspace_distance}
        """;

    private readonly CliRun _cli = new();

    public void Dispose() => _cli.Dispose();

    private async Task<(Dictionary<string, JsonElement> Points, string Out)> Run(string yaml, string name)
    {
        var output = Path.Combine(_cli.Root, name);
        var (exit, stdout, stderr) = await CliRun.Invoke("run", _cli.Spec(yaml, name + ".yaml"), "--out", output, "--store", Path.Combine(_cli.Root, name + "-store"));
        Assert.True(exit == ExitCodes.Success, stdout + stderr);
        return ((await File.ReadAllLinesAsync(Path.Combine(output, "points.jsonl"), TestContext.Current.CancellationToken))
            .Select(l => JsonDocument.Parse(l).RootElement)
            // A baseline ignores lr, so its id recurs once per place: the place is its parameters and seed.
            .ToDictionary(e => $"{e.GetProperty("params").GetRawText()} seed {e.GetProperty("seed").GetInt32()}"), stdout);
    }

    [Fact]
    public async Task A_packed_sweep_gives_every_point_the_numbers_it_gets_alone_and_says_it_was_packed()
    {
        var (alone, aloneOut) = await Run(Sweep, "alone");
        var (packed, packedOut) = await Run(Sweep + "\nresources: {pack: 8}\n", "packed");
        Assert.Contains("packing up to 8 points per program", packedOut, StringComparison.Ordinal);
        Assert.DoesNotContain("packing", aloneOut, StringComparison.Ordinal);
        // The same points (packing is not part of what a point is).
        Assert.Equal(alone.Keys.Order(), packed.Keys.Order());
        var packedCount = 0;
        foreach (var (id, point) in packed)
        {
            var reference = alone[id].GetProperty("metrics");
            foreach (var metric in point.GetProperty("metrics").EnumerateObject().Where(m => !m.Name.EndsWith("_ms", StringComparison.Ordinal)))
            {
                var expected = reference.GetProperty(metric.Name).GetDouble();
                Assert.True(Math.Abs(metric.Value.GetDouble() - expected) <= 1e-5 * Math.Max(Math.Abs(expected), 1e-3),
                    $"{id} {metric.Name}: packed {metric.Value.GetDouble():R} vs alone {expected:R}");
            }
            var trains = point.GetProperty("params").GetProperty("method").GetString() == "infonce";
            var provenance = point.GetProperty("provenance");
            if (provenance.TryGetProperty("packed", out var k))
            {
                Assert.True(trains, "a baseline never packs");
                Assert.InRange(k.GetInt32(), 2, 8);
                packedCount++;
            }
            Assert.False(alone[id].GetProperty("provenance").TryGetProperty("packed", out _));
        }
        // 16 infonce points on two workers: most of them share a program.
        Assert.True(packedCount >= 8, $"only {packedCount} of 16 infonce points were packed");
    }

    [Fact]
    public async Task A_pack_outside_its_range_is_refused_before_any_work()
    {
        var (exit, stdout, stderr) = await CliRun.Invoke("run", _cli.Spec(Sweep + "\nresources: {pack: 1000}\n"), "--out", _cli.Out, "--store", _cli.Store);
        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.Contains("resources.pack", stderr, StringComparison.Ordinal);
        Assert.Contains("256", stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_cli.Out), stdout);
    }
}
