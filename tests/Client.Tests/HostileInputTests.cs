using System.Net;
using System.Net.Sockets;

namespace ContrastiveOrleans.Client.Tests;

/// <summary>Bad paths, oversized or malicious specs and taken ports: one line, exit 2, before any work, nothing written.</summary>
public sealed class HostileInputTests : IDisposable
{
    private const string Good = "name: ok\nexperiment: bench-noop\ngrid: {x: [1, 2]}\n";
    private readonly CliRun _cli = new();

    public void Dispose() => _cli.Dispose();

    private async Task AssertBadInput(string[] args, string expected)
    {
        var before = DirectorySnapshot.Of(_cli.Root);
        var (exit, stdout, stderr) = await CliRun.Invoke(args);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal((ExitCodes.BadInput, ""), (exit, stdout));
        Assert.StartsWith("error: ", line, StringComparison.Ordinal);
        Assert.Contains(expected, line, StringComparison.Ordinal);
        Assert.Equal(before, DirectorySnapshot.Of(_cli.Root));
    }

    [Fact]
    public async Task Bad_out_and_store_paths_are_refused_before_the_sweep_starts()
    {
        var spec = _cli.Spec(Good);
        var file = Path.Combine(_cli.Root, "a-file");
        File.WriteAllText(file, "");
        await AssertBadInput(["run", spec, "--out", "/proc/x", "--store", _cli.Store], "--out: '/proc/x' is under /proc, a virtual filesystem");
        await AssertBadInput(["run", spec, "--out", Path.Combine(file, "sub"), "--store", _cli.Store], $"--out: '{file}' is a file, so");
        await AssertBadInput(["run", spec, "--out=", "--store", _cli.Store], "--out: missing value");
        await AssertBadInput(["run", spec, "--out", file, "--store", _cli.Store], "is a file; give a directory");
        await AssertBadInput(["run", spec, "--out", _cli.Out, "--store", "/proc/x"], "--store: '/proc/x' is under /proc");
        await AssertBadInput(["run", spec, "--out", _cli.Out, "--store", Path.Combine(file, "s")], "--store: '" + file + "' is a file");
        await AssertBadInput(["run", spec, "--out", Path.Combine(_cli.Root, new string('d', 240)), "--store", _cli.Store], "is longer than");
    }

    [Theory]
    [InlineData("[", "]")]
    [InlineData("{a: ", "}")]
    public async Task A_spec_nested_100000_levels_deep_is_one_line_for_validate_run_and_report(string open, string close)
    {
        var yaml = "name: deep\nexperiment: bench-noop\nparams: " + string.Concat(Enumerable.Repeat(open, 100_000)) + "1" + string.Concat(Enumerable.Repeat(close, 100_000)) + "\n";
        var spec = _cli.Spec(yaml);
        await AssertBadInput(["validate", spec], "yaml: nested deeper than 64 levels");
        await AssertBadInput(["run", spec, "--out", _cli.Out, "--store", _cli.Store], "nested deeper than 64 levels");
        var dir = Path.Combine(_cli.Root, "deep-out");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "sweep.yaml"), yaml);
        File.WriteAllText(Path.Combine(dir, "points.jsonl"), "");
        await AssertBadInput(["report", dir], "sweep.yaml: yaml: nested deeper than 64 levels");
    }

    [Fact]
    public async Task Huge_axes_and_grids_are_refused_by_counting_not_expanding()
    {
        string Axis(int n) => "[" + string.Join(", ", Enumerable.Range(0, n)) + "]";
        await AssertBadInput(["validate", _cli.Spec($"name: big\nexperiment: bench-noop\ngrid: {{x: {Axis(200_000)}}}\n")], "grid.x: 200000 values, more than the 100000 a list may hold");
        await AssertBadInput(["validate", _cli.Spec($"name: big\nexperiment: bench-noop\ngrid: {{x: {Axis(60_000)}, sleep_ms: {Axis(60_000)}}}\n")],
            "max_points: the sweep expands to 3600000000 points, more than max_points = 1000000");
        await AssertBadInput(["validate", _cli.Spec("name: big\nexperiment: bench-noop\nmax_points: 2147483647\ngrid: {x: [1]}\n")], "max_points: 2147483647 is outside [1, 1000000000]");
    }

    [Fact]
    public async Task A_grid_of_ten_to_the_eight_points_validates_without_expanding()
    {
        string Axis(int n) => "[" + string.Join(", ", Enumerable.Range(0, n)) + "]";
        var spec = _cli.Spec($"name: wide\nexperiment: bench-noop\nmax_points: 100000000\ngrid: {{x: {Axis(10_000)}, sleep_ms: {Axis(10_000)}}}\n");
        var (exit, stdout, stderr) = await CliRun.Invoke("validate", spec);
        Assert.Equal((ExitCodes.Success, ""), (exit, stderr));
        Assert.StartsWith("wide: 100000000 points", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Oversized_and_endless_files_are_refused_after_the_limit_not_read_to_the_end()
    {
        await AssertBadInput(["validate", "/dev/zero"], "SPEC: '/dev/zero' is larger than 10.0 MB, the limit for a sweep file");
        var big = _cli.Spec(Good + "description: \"" + new string('x', 11 << 20) + "\"\n", "big.yaml");
        await AssertBadInput(["validate", big], "is larger than 10.0 MB");
        await AssertBadInput(["validate", _cli.Root], $"SPEC: '{_cli.Root}' is a directory; give the path of a sweep file");
    }

    [Theory]
    [InlineData("name: \"abc\\n\"\nexperiment: bench-noop\n", "name: 'abc\\u000a' is not a valid name")]
    [InlineData("name: a/b\nexperiment: bench-noop\n", "name: 'a/b' is not a valid name")]
    [InlineData("name: ok\nexperiment: bench-noop\nparams: {sleep_ms: !!float 5}\n", "params.sleep_ms: 5.0 is not an integer")]
    [InlineData("name: ok\nexperiment: bench-noop\nparams: {sleep_ms: !!int five}\n", "yaml: 'five' is not a valid !!int")]
    [InlineData("name: ok\nexperiment: bench-noop\nparams: {sleep_ms: !secret 5}\n", "yaml: unsupported tag !secret")]
    [InlineData("name: ok\nexperiment: bench-noop\ncurves: [{name: \"a\\tb\", x: x, metric: value}]\ngrid: {x: [1]}\n", "curves[0].name: 'a\\u0009b' is not a valid curve name")]
    public async Task Names_and_tags_that_break_the_rules_are_one_line(string yaml, string expected) =>
        await AssertBadInput(["validate", _cli.Spec(yaml)], expected);

    [Fact]
    public async Task A_5000_character_name_is_refused_before_the_run()
    {
        var spec = _cli.Spec($"name: {new string('n', 5000)}\nexperiment: bench-noop\n");
        await AssertBadInput(["run", spec, "--out", _cli.Out, "--store", _cli.Store], "... (5000 characters)' is not a valid name; use 1-100 letters");
    }

    [Fact]
    public async Task A_point_that_cannot_fit_in_memory_is_refused_with_its_estimate_and_budget()
    {
        var spec = _cli.Spec("name: huge\nexperiment: gmm-contrastive\nparams: {d: 2048, n_train: 1500000}\n");
        var before = DirectorySnapshot.Of(_cli.Root);
        var (exit, _, stderr) = await CliRun.Invoke("run", spec, "--out", _cli.Out, "--store", _cli.Store, "--workers", "2");
        Assert.Equal(ExitCodes.BadInput, exit);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        // 1.5e6 pairs x 2048 dims as float64 (x, partner, noise) and float32 (x, partner): 32 bytes a value, ~98 GB.
        Assert.Matches(@"^error: params: a point needs about 9\d\.\d GB \(n_train = 1500000, d = 2048\), more than the \d+\.\d GB each point may use here \(\d+\.\d GB x 0\.8 / 2 workers\); shrink n_train or d, lower --workers, or pass --force to run anyway$", line);
        Assert.Equal(before, DirectorySnapshot.Of(_cli.Root));
    }

    [Fact]
    public async Task A_taken_prometheus_port_and_a_malformed_connection_string_are_bad_input()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        var spec = _cli.Spec(Good);
        await AssertBadInput(["run", spec, "--out", _cli.Out, "--store", _cli.Store, "--prometheus", $"127.0.0.1:{port}"], $"--prometheus: port {port} on 127.0.0.1 is in use");
        await AssertBadInput(["run", spec, "--cluster", "AccountName=x;AccountKey=TOPSECRET;Nonsense"], "--cluster: not a valid Azure Storage connection string (value not shown)");
    }
}
