namespace ContrastiveOrleans.Client.Tests;

public sealed class BadInputTests : IDisposable
{
    private readonly CliRun _cli = new();

    public void Dispose() => _cli.Dispose();

    private const string Good = "name: ok\nexperiment: bench-noop\ngrid: {x: [1, 2]}\n";

    [Theory]
    [InlineData("name: b\nexperiment: gmm-contrastive\ngrid:\n  noise: [0.0, 0.2, 1.5]\n", new string[0], "error: grid.noise[2]: 1.5 is outside [0, 1]")]
    [InlineData("name: b\nexperiment: nope\n", new string[0], "error: experiment: 'nope' is not one of ")]
    [InlineData("name: b\nexperiment: bench-noop\ngrid: {x: [1\n", new string[0], "error: yaml: syntax error")]
    [InlineData("name: b\nexperiment: bench-noop\ngrid: {x: [1, 2]}\nsearch: {algorithm: asha, metric: value, mode: max, resource: sleep_ms, min_resource: 4, max_resource: 2}\n", new string[0],
        "error: search.max_resource: 2 must exceed min_resource = 4")]
    [InlineData("name: b\nexperiment: bench-noop\ngrid: {x: [1, 2]}\nsearch: {algorithm: bohb}\n", new string[0], "error: search.algorithm: 'bohb' is not one of grid, random, asha, median, tpe")]
    [InlineData(Good, new[] { "--frobnicate" }, "error: --frobnicate: unknown option for 'run'; one of --out, --workers, --device, --store")]
    [InlineData(Good, new[] { "--workers", "0" }, "error: --workers: '0' is not an integer in [1, 1024]")]
    [InlineData(Good, new[] { "--device", "tpu" }, "error: --device: 'tpu' is not one of cpu, cuda, auto")]
    [InlineData(Good, new[] { "--out" }, "error: --out: missing value")]
    [InlineData(Good, new[] { "extra.yaml" }, "error: extra.yaml: unexpected argument")]
    public async Task Run_with_bad_input_prints_one_line_exits_2_and_creates_nothing(string yaml, string[] extra, string expectedStart)
    {
        string[] args = ["run", _cli.Spec(yaml), "--out", _cli.Out, "--store", _cli.Store, .. extra];
        var (exit, stdout, stderr) = await CliRun.Invoke(args);
        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.Equal("", stdout);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith(expectedStart, line, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_cli.Out));
        Assert.False(Directory.Exists(_cli.Store));
    }

    [Theory]
    [InlineData(new[] { "frobnicate" }, "error: frobnicate: unknown command; one of run, validate, list-experiments, export-data, report, best, compare, verify, status, results, cancel, completion")]
    [InlineData(new[] { "run" }, "error: SPEC: missing")]
    [InlineData(new[] { "validate", "/nonexistent/sweep.yaml" }, "error: SPEC: cannot read '/nonexistent/sweep.yaml': file not found")]
    [InlineData(new[] { "list-experiments", "--json" }, "error: --json: unknown option for 'list-experiments'")]
    public async Task Bad_commands_exit_2_with_one_line(string[] args, string expectedStart)
    {
        var (exit, _, stderr) = await CliRun.Invoke(args);
        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.StartsWith(expectedStart, Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_prints_the_point_count()
    {
        var (exit, stdout, stderr) = await CliRun.Invoke("validate", _cli.Spec(Good + "seeds: [4, 9, 11]\n"));
        Assert.Equal((ExitCodes.Success, ""), (exit, stderr));
        Assert.StartsWith("ok: 6 points (bench-noop v1, 3 seeds", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_experiments_shows_schemas_and_metrics()
    {
        var (exit, stdout, _) = await CliRun.Invoke("list-experiments");
        Assert.Equal(ExitCodes.Success, exit);
        Assert.Contains("bench-noop (version 1)", stdout, StringComparison.Ordinal);
        Assert.Contains("gmm-contrastive (version", stdout, StringComparison.Ordinal);
        Assert.Matches(@"sleep_ms\s+integer\s+default 0\s+range \[0, 600000\]", stdout);
        Assert.Matches(@"method\s+text\s+default infonce\s+allowed: infonce, lda, pca", stdout);
        Assert.Contains("metrics: value, seed", stdout, StringComparison.Ordinal);
    }
}
