using System.Buffers.Binary;
using System.Text.Json;

namespace ContrastiveOrleans.Client.Tests;

/// <summary>A tiny image sweep end to end through the CLI, on IDX files written here.</summary>
public sealed class ImageSweepTests : IDisposable
{
    private readonly CliRun _cli = new();

    public void Dispose() => _cli.Dispose();

    /// <summary>Plain (not gzipped) IDX files, Fashion-MNIST names: class c lights rows 2c+3 and 2c+4.</summary>
    private static void WriteImages(string dir, int n)
    {
        Directory.CreateDirectory(dir);
        var random = new Random(11);
        foreach (var prefix in (string[])["train", "t10k"])
        {
            var pixels = new byte[n * 784];
            var labels = new byte[n];
            for (var i = 0; i < n; i++)
            {
                labels[i] = (byte)(i % 10);
                for (var j = 0; j < 784; j++) pixels[(i * 784) + j] = (byte)(j / 28 == (2 * labels[i]) + 3 || j / 28 == (2 * labels[i]) + 4 ? 200 : random.Next(40));
            }
            File.WriteAllBytes(Path.Combine(dir, $"{prefix}-images-idx3-ubyte"), [.. Header(0x803, n, 28, 28), .. pixels]);
            File.WriteAllBytes(Path.Combine(dir, $"{prefix}-labels-idx1-ubyte"), [.. Header(0x801, n), .. labels]);
        }
    }

    private static byte[] Header(params int[] words)
    {
        var bytes = new byte[4 * words.Length];
        for (var i = 0; i < words.Length; i++) BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4 * i), words[i]);
        return bytes;
    }

    [Fact]
    public async Task An_image_sweep_runs_every_method_and_checks_its_claims()
    {
        var data = Path.Combine(_cli.Root, "images");
        WriteImages(data, 400);
        var spec = _cli.Spec($$"""
            name: tiny-images
            experiment: image-contrastive
            seeds: 2
            params: {data_dir: "{{data}}", pca_dims: 12, epochs: 3, batch: 32}
            grid: {method: [infonce, lda, pca, random]}
            curves:
              - {name: nmi, x: method, metric: nmi}
            claims:
              - name: infonce-near-lda
                metric: nmi
                difference: {a: {method: infonce}, b: {method: lda}, at_least: -0.1}
            """);
        var (exit, stdout, stderr) = await CliRun.Invoke("run", spec, "--out", _cli.Out, "--store", _cli.Store);
        Assert.True(exit == ExitCodes.Success, stdout + stderr);
        var lines = await File.ReadAllLinesAsync(Path.Combine(_cli.Out, "points.jsonl"), TestContext.Current.CancellationToken);
        Assert.Equal(8, lines.Length);
        foreach (var line in lines)
        {
            using var point = JsonDocument.Parse(line);
            Assert.Equal("done", point.RootElement.GetProperty("status").GetString());
            Assert.InRange(point.RootElement.GetProperty("metrics").GetProperty("nmi").GetDouble(), 0, 1);
        }
        var claims = await File.ReadAllLinesAsync(Path.Combine(_cli.Out, "claims.csv"), TestContext.Current.CancellationToken);
        Assert.EndsWith(",holds,", claims[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_dataset_fails_each_point_with_one_line_naming_the_path()
    {
        var missing = Path.Combine(_cli.Root, "nowhere");
        var spec = _cli.Spec($$"""
            name: no-images
            experiment: image-contrastive
            params: {data_dir: "{{missing}}", method: pca}
            """);
        var (exit, stdout, stderr) = await CliRun.Invoke("run", spec, "--out", _cli.Out, "--store", _cli.Store);
        Assert.Equal(ExitCodes.PointsFailed, exit);
        Assert.Contains($"{Path.Combine(missing, "train-images-idx3-ubyte.gz")}: not found", stdout + stderr, StringComparison.Ordinal);
    }
}
