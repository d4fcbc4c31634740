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

    [Fact]
    public async Task Gmm_clip_writes_each_modalitys_sample_fisher_basis_and_map()
    {
        const string clip = "name: c\nexperiment: gmm-clip\nparams: {d_x: 6, d_y: 5, k: 3, r: 2, n_train: 200, n_test: 50, noise_dims: 1}\ngrid: {method: [lda]}\n";
        var (exit, stdout, stderr) = await CliRun.Invoke("export-data", _cli.Spec(clip), "--point", "0", "--out", _cli.Out);
        Assert.True(exit == ExitCodes.Success, stderr);
        Assert.Contains("wrote train_x.csv, train_y.csv, fisher_x.csv, fisher_y.csv, map_x.csv, map_y.csv", stdout, StringComparison.Ordinal);
        Assert.Equal("x0,x1,x2,x3,x4,x5,label", File.ReadLines(Path.Combine(_cli.Out, "train_x.csv")).First());
        Assert.Equal("x0,x1,x2,x3,x4,label", File.ReadLines(Path.Combine(_cli.Out, "train_y.csv")).First());
        Assert.Equal(201, File.ReadAllLines(Path.Combine(_cli.Out, "train_y.csv")).Length);
        // r = 2 rows of d_y = 5 columns; LDA's map spans the k − 1 = 2-dimensional Fisher subspace the file beside it holds.
        var map = File.ReadAllLines(Path.Combine(_cli.Out, "map_y.csv"));
        Assert.Equal((3, 5), (map.Length, map[1].Split(',').Length));
        Assert.Equal(3, File.ReadAllLines(Path.Combine(_cli.Out, "fisher_y.csv")).Length);
    }

    [Fact]
    public async Task Alpha_cl_writes_the_samples_and_the_test_embedding()
    {
        const string alpha = "name: a\nexperiment: alpha-cl\nparams: {d: 6, k: 3, n_train: 120, n_test: 40, epochs: 1, batch: 32, width: 4, encoder: linear}\n";
        var (exit, stdout, stderr) = await CliRun.Invoke("export-data", _cli.Spec(alpha), "--point", "0", "--out", _cli.Out);
        Assert.True(exit == ExitCodes.Success, stderr);
        Assert.Contains("wrote train.csv, test.csv, test_embedding.csv", stdout, StringComparison.Ordinal);
        var embedding = File.ReadAllLines(Path.Combine(_cli.Out, "test_embedding.csv"));
        Assert.Equal("x0,x1,x2,x3,label", embedding[0]);
        Assert.Equal(41, embedding.Length);
        // Each test point keeps its label beside its embedding.
        Assert.Equal(File.ReadAllLines(Path.Combine(_cli.Out, "test.csv")).Skip(1).Select(l => l.Split(',')[^1]), embedding.Skip(1).Select(l => l.Split(',')[^1]));
    }

    [Fact]
    public async Task Conformal_sets_writes_each_splits_embedded_points_and_the_calibrated_threshold()
    {
        const string conformal = "name: s\nexperiment: conformal-sets\nparams: {set: ball, clusters: 5, points_per_cluster: 40}\n";
        var (exit, stdout, stderr) = await CliRun.Invoke("export-data", _cli.Spec(conformal), "--point", "0", "--out", _cli.Out);
        Assert.True(exit == ExitCodes.Success, stderr);
        Assert.Contains("wrote train.csv, calibration.csv, test.csv, set.csv", stdout, StringComparison.Ordinal);
        // 200 points: 60% train the shape, the other 80 split half and half into calibration and test.
        string[] splits = ["train.csv", "calibration.csv", "test.csv"];
        var counts = splits.Select(f => File.ReadAllLines(Path.Combine(_cli.Out, f)).Length - 1).ToArray();
        Assert.Equal([120, 40, 40], counts);
        Assert.Equal("x0,x1,x2,label", File.ReadLines(Path.Combine(_cli.Out, "test.csv")).First());
        var set = File.ReadAllLines(Path.Combine(_cli.Out, "set.csv")).Skip(1).Select(l => l.Split(',')).ToDictionary(f => f[0], f => f[1]);
        Assert.Equal("ball", set["set"]);
        Assert.True(double.Parse(set["threshold"], CultureInfo.InvariantCulture) > 0);
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
        Assert.StartsWith("error: experiment: 'bench-noop' cannot export data; experiments that can: alpha-cl, conformal-sets, gmm-clip, gmm-contrastive", stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_cli.Out));
    }

    [Fact]
    public async Task An_image_alpha_cl_point_is_refused_before_any_work_with_the_field_named()
    {
        var spec = _cli.Spec("name: n\nexperiment: alpha-cl\nparams: {data: fashion-mnist, encoder: cnn, data_dir: /nonexistent}\n");
        var (exit, _, stderr) = await CliRun.Invoke("export-data", spec, "--point", "0", "--out", _cli.Out);
        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.StartsWith("error: data: alpha-cl exports the samples of GMM points; 'fashion-mnist' has none of its own; allowed: gmm", stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_cli.Out));
    }
}
