using ContrastiveOrleans.Client.Output;

namespace ContrastiveOrleans.Client.Tests;

/// <summary>`--out` replaces only what contrastive wrote: every refusal is one line, exit 2, nothing touched.</summary>
public sealed class OutputOwnershipTests : IDisposable
{
    private const string Sweep = "name: own\nexperiment: bench-noop\ngrid: {x: [1, 2]}\n";
    private readonly CliRun _cli = new();

    public void Dispose() => _cli.Dispose();

    private string Victim(string name)
    {
        var dir = Path.Combine(_cli.Root, name);
        Directory.CreateDirectory(Path.Combine(dir, "thesis"));
        File.WriteAllText(Path.Combine(dir, "notes.txt"), "months of work");
        File.WriteAllText(Path.Combine(dir, "thesis", "chapter1.tex"), "\\section{Intro}");
        return dir;
    }

    private static async Task AssertRefused(string[] args, string expected, params string[] untouched)
    {
        var before = untouched.Select(DirectorySnapshot.Of).ToList();
        var (exit, stdout, stderr) = await CliRun.Invoke(args);
        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.Equal("", stdout);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: ", line, StringComparison.Ordinal);
        Assert.Contains(expected, line, StringComparison.Ordinal);
        Assert.Equal(before, untouched.Select(DirectorySnapshot.Of).ToList());
    }

    [Fact]
    public async Task A_directory_holding_a_users_files_is_refused_for_run_export_data_and_results()
    {
        var victim = Victim("mine");
        var spec = _cli.Spec(Sweep);
        await AssertRefused(["run", spec, "--out", victim, "--store", _cli.Store], "--out: '" + victim + "' holds 'notes.txt', which contrastive did not write", victim);
        var gmm = _cli.Spec("name: g\nexperiment: gmm-contrastive\nparams: {d: 4, k: 2, r: 1, n_train: 100, n_test: 50, method: lda}\n", "gmm.yaml");
        await AssertRefused(["export-data", gmm, "--point", "0", "--out", victim], "holds 'notes.txt', which contrastive did not write", victim);
        await AssertRefused(["results", "0123456789abcdef0123", "--cluster", "localhost", "--out", victim], "holds 'notes.txt'", victim);
        Assert.False(Directory.Exists(_cli.Store));
    }

    [Fact]
    public async Task The_current_directory_and_its_ancestors_are_refused()
    {
        var spec = _cli.Spec(Sweep);
        var cwd = Environment.CurrentDirectory;
        await AssertRefused(["run", spec, "--out", cwd, "--store", _cli.Store], "is the current directory");
        await AssertRefused(["run", spec, "--out", Path.GetDirectoryName(cwd)!, "--store", _cli.Store], "holds the current directory");
        await AssertRefused(["run", spec, "--out", "/", "--store", _cli.Store], "'/' is the root directory");
    }

    [Fact]
    public async Task The_store_a_directory_inside_it_and_the_specs_folder_are_refused()
    {
        var spec = _cli.Spec(Sweep);
        var store = Path.Combine(_cli.Root, "cache");
        Directory.CreateDirectory(Path.Combine(store, "segments"));
        File.WriteAllText(Path.Combine(store, "segments", "a.jsonl"), "{}\n");
        await AssertRefused(["run", spec, "--out", store, "--store", store], "is the result store", store);
        await AssertRefused(["run", spec, "--out", Path.Combine(store, "out"), "--store", store], "is inside the result store", store);
        await AssertRefused(["run", spec, "--out", _cli.Root, "--store", store], "holds the sweep file", _cli.Root);
        var nested = Path.Combine(_cli.Root, "inner", "store");
        await AssertRefused(["run", spec, "--out", Path.Combine(_cli.Root, "inner"), "--store", nested], "holds the result store");
    }

    [Fact]
    public async Task Empty_directories_earlier_outputs_and_outputs_of_the_previous_version_are_replaced()
    {
        var spec = _cli.Spec(Sweep);
        Directory.CreateDirectory(_cli.Out);
        var first = await CliRun.Invoke("run", spec, "--out", _cli.Out, "--store", _cli.Store);
        Assert.Equal((ExitCodes.Success, ""), (first.Exit, first.Error));
        Assert.NotNull(OutputMarker.Read(_cli.Out));
        var again = await CliRun.Invoke("run", spec, "--out", _cli.Out, "--store", _cli.Store);
        Assert.Equal((ExitCodes.Success, ""), (again.Exit, again.Error));

        // An output written before the marker existed: only its own file names.
        File.Delete(Path.Combine(_cli.Out, OutputMarker.FileName));
        var legacy = await CliRun.Invoke("run", spec, "--out", _cli.Out, "--store", _cli.Store);
        Assert.Equal((ExitCodes.Success, ""), (legacy.Exit, legacy.Error));

        // A user's file added to an output since: refused, and kept.
        File.WriteAllText(Path.Combine(_cli.Out, "my-analysis.ipynb"), "{}");
        await AssertRefused(["run", spec, "--out", _cli.Out, "--store", _cli.Store], "holds 'my-analysis.ipynb'", _cli.Out);
    }

    [Fact]
    public async Task Report_rewrites_only_an_output_of_its_own_and_a_plots_file_is_one_line()
    {
        var spec = _cli.Spec(Sweep + "curves: [{name: c, x: x, metric: value}]\n");
        Assert.Equal(ExitCodes.Success, (await CliRun.Invoke("run", spec, "--out", _cli.Out, "--store", _cli.Store)).Exit);
        File.WriteAllText(Path.Combine(_cli.Out, "draft.md"), "mine");
        await AssertRefused(["report", _cli.Out], "DIR: '" + _cli.Out + "' holds 'draft.md'", _cli.Out);
        File.Delete(Path.Combine(_cli.Out, "draft.md"));
        Directory.Delete(Path.Combine(_cli.Out, "plots"), recursive: true);
        File.WriteAllText(Path.Combine(_cli.Out, "plots"), "a file where the plots folder goes");
        await AssertRefused(["report", _cli.Out], "holds 'plots'", _cli.Out);
        File.Delete(Path.Combine(_cli.Out, "plots"));
        var (exit, _, stderr) = await CliRun.Invoke("report", _cli.Out, "--format", "csv");
        Assert.Equal((ExitCodes.Success, ""), (exit, stderr));
        Assert.Contains("points.csv", OutputMarker.Read(_cli.Out)!);
    }
}
