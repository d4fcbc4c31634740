using System.Globalization;

namespace ContrastiveOrleans.Client.Tests;

public sealed class ExportDataCommandTests : IDisposable
{
    private readonly CliRun _cli = new();

    public void Dispose() => _cli.Dispose();

    private const string Gmm = "name: e\nexperiment: gmm-contrastive\nseeds: 2\nparams: {d: 5, k: 3, r: 2, n_train: 300, n_test: 60}\ngrid: {method: [lda, pca]}\n";

    [Fact]
    public async Task Writes_the_points_csv_files()
    {
        var (exit, stdout, stderr) = await CliRun.Invoke("export-data", _cli.Spec(Gmm), "--point", "3", "--out", _cli.Out);
        Assert.True(exit == ExitCodes.Success, stderr);
        Assert.Contains("wrote train.csv, test.csv, fisher.csv, projection.csv", stdout, StringComparison.Ordinal);
        var train = File.ReadAllLines(Path.Combine(_cli.Out, "train.csv"));
        Assert.Equal("x0,x1,x2,x3,x4,label", train[0]);
        Assert.Equal(301, train.Length);
        Assert.Equal(61, File.ReadAllLines(Path.Combine(_cli.Out, "test.csv")).Length);
        var projection = File.ReadAllLines(Path.Combine(_cli.Out, "projection.csv"));
        Assert.Equal(3, projection.Length);
        Assert.All(projection.Skip(1), row => Assert.Equal(5, row.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).Count()));
        Assert.Empty(Directory.GetDirectories(_cli.Root, ".out.tmp-*"));
    }

    [Theory]
    [InlineData(new[] { "--point", "4" }, "error: --point: 4 is outside [0, 3]")]
    [InlineData(new string[0], "error: --point: missing; give a point index in [0, 3]")]
    [InlineData(new[] { "--point", "x" }, "error: --point: 'x' is neither an index nor a point id (32 hex digits)")]
    public async Task Bad_point_index_exits_2_and_writes_nothing(string[] extra, string expected)
    {
        string[] args = ["export-data", _cli.Spec(Gmm), "--out", _cli.Out, .. extra];
        var (exit, _, stderr) = await CliRun.Invoke(args);
        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.StartsWith(expected, Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
        Assert.False(Directory.Exists(_cli.Out));
    }

    [Fact]
    public async Task An_experiment_without_data_export_is_bad_input()
    {
        var (exit, _, stderr) = await CliRun.Invoke("export-data", _cli.Spec("name: n\nexperiment: bench-noop\n"), "--point", "0", "--out", _cli.Out);
        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.StartsWith("error: experiment: 'bench-noop' cannot export data; experiments that can: gmm-contrastive", stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_cli.Out));
    }
}
