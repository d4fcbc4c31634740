using ContrastiveOrleans.Grains.Storage;

namespace ContrastiveOrleans.Client.Tests.Report;

/// <summary>`report DIR` folds only DIR's own points, once each: anything else in points.jsonl is refused in one line.</summary>
public sealed class ReportIntegrityTests : IDisposable
{
    private readonly CliRun _cli = new();

    public void Dispose() => _cli.Dispose();

    private async Task<string> Output(string name, string grid)
    {
        var dir = Path.Combine(_cli.Root, name);
        var spec = _cli.Spec($"name: {name}\nexperiment: bench-noop\nseeds: 2\ngrid: {{x: {grid}}}\ncurves: [{{name: c, x: x, metric: value}}]\n", name + ".yaml");
        var (exit, _, stderr) = await CliRun.Invoke("run", spec, "--out", dir, "--store", _cli.Store);
        Assert.Equal((ExitCodes.Success, ""), (exit, stderr));
        return dir;
    }

    private static async Task AssertRefused(string dir, string expected)
    {
        var before = DirectorySnapshot.Of(dir);
        var (exit, stdout, stderr) = await CliRun.Invoke("report", dir);
        Assert.Equal((ExitCodes.BadInput, ""), (exit, stdout));
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(expected, line, StringComparison.Ordinal);
        Assert.Equal(before, DirectorySnapshot.Of(dir));
    }

    [Fact]
    public async Task Points_of_another_sweep_a_duplicated_line_and_an_edited_line_are_refused()
    {
        var mine = await Output("mine", "[1, 2, 3]");
        var other = await Output("other", "[7, 8]");
        var points = Path.Combine(mine, "points.jsonl");
        var original = File.ReadAllLines(points);

        File.AppendAllLines(points, [File.ReadAllLines(Path.Combine(other, "points.jsonl"))[0]]);
        await AssertRefused(mine, "points.jsonl: line 7: point ");
        await AssertRefused(mine, "is not a point of " + Path.Combine(mine, "sweep.yaml") + " (another sweep's result); refused");

        File.WriteAllLines(points, [.. original, original[2]]);
        await AssertRefused(mine, "points.jsonl: line 7: point " + PointResultJson.Read(System.Text.Json.JsonDocument.Parse(original[2]).RootElement).Id + " appears a second time (first on line 3); refused");

        File.WriteAllLines(points, [original[0].Replace("\"x\":1.0", "\"x\":4.0", StringComparison.Ordinal), .. original[1..]]);
        await AssertRefused(mine, "points.jsonl: line 1: point ");
        await AssertRefused(mine, "does not match its experiment, params and seed under bench-noop v1");

        File.WriteAllLines(points, original);
        var (exit, _, stderr) = await CliRun.Invoke("report", mine);
        Assert.Equal((ExitCodes.Success, ""), (exit, stderr));
    }
}
