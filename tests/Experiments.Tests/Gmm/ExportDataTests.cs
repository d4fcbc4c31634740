using System.Globalization;
using ContrastiveOrleans.Experiments.Abstractions;
using ContrastiveOrleans.Experiments.Gmm;

namespace ContrastiveOrleans.Experiments.Tests.Gmm;

public sealed class ExportDataTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("export-").FullName;

    private static double[][] ReadMatrix(string path, out string header)
    {
        var lines = File.ReadAllLines(path);
        header = lines[0];
        return [.. lines.Skip(1).Select(l => l.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray())];
    }

    [Fact]
    public void Exported_files_have_the_documented_shape_and_agree_with_the_metrics()
    {
        var parameters = GmmContrastiveExperimentTests.Resolve(("d", 6L), ("k", 3L), ("r", 2L), ("n_train", 500L), ("n_test", 100L), ("method", "lda"));
        var context = new ExperimentContext(parameters, 3);
        var files = new GmmContrastiveExperiment().ExportData(context, _dir, TestContext.Current.CancellationToken);
        Assert.Equal(["train.csv", "test.csv", "fisher.csv", "projection.csv"], files);

        var train = ReadMatrix(Path.Combine(_dir, "train.csv"), out var header);
        Assert.Equal("x0,x1,x2,x3,x4,x5,label", header);
        Assert.Equal(500, train.Length);
        Assert.All(train, row => Assert.InRange(row[6], 0, 2));
        Assert.Equal(100, ReadMatrix(Path.Combine(_dir, "test.csv"), out _).Length);
        var fisher = ReadMatrix(Path.Combine(_dir, "fisher.csv"), out _);
        var projection = ReadMatrix(Path.Combine(_dir, "projection.csv"), out var projectionHeader);
        Assert.Equal(2, fisher.Length);
        Assert.Equal(2, projection.Length);
        Assert.Equal("x0,x1,x2,x3,x4,x5", projectionHeader);

        // Exported rows are what the metrics were computed from: the files reproduce the subspace distance.
        var metrics = new GmmContrastiveExperiment().Run(context, TestContext.Current.CancellationToken);
        var fromFiles = Linear.Subspaces.Distance(
            TorchSharp.torch.tensor(fisher.SelectMany(r => r).ToArray(), 2, 6),
            TorchSharp.torch.tensor(projection.SelectMany(r => r).ToArray(), 2, 6));
        Assert.Equal(metrics["subspace_distance"], fromFiles, 12);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
