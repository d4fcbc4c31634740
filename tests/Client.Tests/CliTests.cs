using System.Text.RegularExpressions;
using ContrastiveOrleans.Client.Cli;
using ContrastiveOrleans.Experiments.Abstractions;
using ContrastiveOrleans.Experiments.Gmm;
using ContrastiveOrleans.Grains.Contracts;

namespace ContrastiveOrleans.Client.Tests;

/// <summary>The command line: help for every command, modes, overrides, dry runs, the progress line.</summary>
public sealed partial class CliTests : IDisposable
{
    private readonly CliRun _cli = new();

    public void Dispose() => _cli.Dispose();

    public static TheoryData<string> CommandNames()
    {
        var data = new TheoryData<string>();
        foreach (var name in ContrastiveCli.Commands) data.Add(name);
        return data;
    }

    [Theory]
    [MemberData(nameof(CommandNames))]
    public async Task Every_command_has_help_that_exits_0_and_names_each_of_its_options(string name)
    {
        var command = ContrastiveCli.Build(new CliContext(ExperimentCatalog.Default, new CliConsole(TextWriter.Null, TextWriter.Null, false), _ => null))
            .Subcommands.OfType<CliCommand>().Single(c => c.Name == name);
        foreach (var flag in new[] { "--help", "-h" })
        {
            var (exit, stdout, stderr) = await CliRun.Invoke(name, flag);
            Assert.Equal((ExitCodes.Success, ""), (exit, stderr));
            Assert.Contains("Usage:", stdout, StringComparison.Ordinal);
            foreach (var option in command.OptionNames) Assert.Contains(option, stdout, StringComparison.Ordinal);
            foreach (var argument in command.Arguments) Assert.Contains(argument.Name, stdout, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task No_arguments_print_the_usage_with_every_command_and_the_exit_codes()
    {
        var (exit, stdout, stderr) = await CliRun.Invoke();
        Assert.Equal((ExitCodes.Success, ""), (exit, stderr));
        foreach (var name in ContrastiveCli.Commands) Assert.Contains(name, stdout, StringComparison.Ordinal);
        Assert.Contains("4 `results` of a", stdout, StringComparison.Ordinal);
        Assert.Contains("143 SIGTERM", stdout, StringComparison.Ordinal);
    }

    private static async Task AssertOneLine(string expected, params string[] args)
    {
        var (exit, stdout, stderr) = await CliRun.Invoke(args);
        Assert.Equal((ExitCodes.BadInput, ""), (exit, stdout));
        Assert.Equal(expected, Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
    }

    [Fact]
    public async Task Options_of_the_other_mode_are_refused_with_the_mode_that_takes_them()
    {
        var spec = _cli.Spec("name: m\nexperiment: bench-noop\n");
        await AssertOneLine("error: --concurrency: only with --cluster (cluster mode); an embedded run takes --workers", "run", spec, "--concurrency", "4");
        await AssertOneLine("error: --detach: only with --cluster (cluster mode); an embedded run stops with the process; Ctrl-C cancels it and keeps finished points", "run", spec, "--detach");
        await AssertOneLine("error: --workers: only for embedded runs (without --cluster); a cluster's workers are set on its silos (Contrastive:Workers)",
            "run", spec, "--cluster", "localhost", "--workers", "2");
        await AssertOneLine("error: --prometheus: only for embedded runs (without --cluster); a cluster's telemetry is configured on its silos (Contrastive:Telemetry)",
            "run", spec, "--cluster", "localhost", "--prometheus", "9464");
        await AssertOneLine("error: --out: given more than once", "run", spec, "--out", "a", "--out", "b");
        await AssertOneLine("error: NAME: 'nope' is not one of alpha-cl, bench-noop, conformal-sets, gmm-clip, gmm-contrastive, image-contrastive", "list-experiments", "nope");
    }

    private const string Gmm = "name: o\nexperiment: gmm-contrastive\nseeds: 3\nparams: {d: 8, k: 3, r: 2, epochs: 10}\ngrid:\n  noise: [0.0, 0.3]\n  method: [infonce, lda]\n";

    [Fact]
    public async Task Overrides_give_the_points_of_the_same_values_written_in_the_file()
    {
        var overridden = await CliRun.Invoke("run", _cli.Spec(Gmm), "params.epochs=5", "seeds=2", "grid.noise=[0, 0.2]", "resources.threads=2", "--dry-run");
        var written = await CliRun.Invoke("run", _cli.Spec(Gmm.Replace("epochs: 10", "epochs: 5", StringComparison.Ordinal)
            .Replace("seeds: 3", "seeds: 2", StringComparison.Ordinal).Replace("[0.0, 0.3]", "[0, 0.2]", StringComparison.Ordinal) + "resources: {threads: 2}\n", "same.yaml"), "--dry-run");
        Assert.Equal((ExitCodes.Success, ""), (overridden.Exit, overridden.Error));
        Assert.Equal((ExitCodes.Success, ""), (written.Exit, written.Error));
        Assert.EndsWith($"o: 8 points of gmm-contrastive v{new GmmContrastiveExperiment().Version} (dry run: nothing run, nothing written)\n", overridden.Out, StringComparison.Ordinal);
        Assert.StartsWith("# resolved with overrides: params.epochs=5 seeds=2 grid.noise=[0, 0.2] resources.threads=2\n", overridden.Out, StringComparison.Ordinal);
        // The resolved files differ only in that comment: the same sweep, the same points.
        Assert.Equal(written.Out, overridden.Out[(overridden.Out.IndexOf('\n') + 1)..]);
        Assert.Empty(Directory.GetDirectories(_cli.Root));

        var plain = Sweeps.SweepExpander.Expand(new Sweeps.SweepSpecParser(ExperimentCatalog.Default).Parse(File.ReadAllText(Path.Combine(_cli.Root, "same.yaml"))));
        var viaOverrides = Sweeps.SweepExpander.Expand(new Sweeps.SweepSpecParser(ExperimentCatalog.Default).Parse(Gmm,
            ["params.epochs=5", "seeds=2", "grid.noise=[0, 0.2]", "resources.threads=2"]));
        Assert.Equal(plain.Points().Select(p => p.Id), viaOverrides.Points().Select(p => p.Id));
    }

    [Theory]
    [InlineData("params.epochs=abc", "error: params.epochs: 'abc' is not an integer (override params.epochs=abc)")]
    [InlineData("grid.noise=[0, 1.5]", "error: grid.noise[1]: 1.5 is outside [0, 1] (override grid.noise=[0, 1.5])")]
    [InlineData("params.nope=1", "error: params.nope: unknown parameter of gmm-contrastive; known: batch, condition, d, epochs, eval_every, k, lr, method, n_test, n_train, noise, normalize, optimizer, partners, r, schedule, separation, temperature (override params.nope=1)")]
    [InlineData("seeds.x=1", "error: seeds: is not a mapping, so 'seeds.x' cannot be set (override seeds.x=1)")]
    [InlineData("~grid.batch", "error: grid.batch: not in the sweep file, so there is nothing to remove (override ~grid.batch)")]
    [InlineData("grid.noise=[0,", "error: yaml: syntax error")]
    [InlineData("extra.yaml", "error: extra.yaml: unexpected argument; after SPEC come overrides PATH=VALUE (e.g. params.epochs=5) or ~PATH")]
    public async Task A_bad_override_is_one_line_naming_it_like_a_bad_file(string @override, string expected)
    {
        var (exit, stdout, stderr) = await CliRun.Invoke("validate", _cli.Spec(Gmm), @override);
        Assert.Equal((ExitCodes.BadInput, ""), (exit, stdout));
        Assert.StartsWith(expected, Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Removing_an_axis_with_an_override_shrinks_the_sweep()
    {
        var (exit, stdout, _) = await CliRun.Invoke("validate", _cli.Spec(Gmm), "~grid.method");
        Assert.Equal(ExitCodes.Success, exit);
        Assert.StartsWith("o: 6 points", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_run_with_overrides_records_them_in_the_resolved_sweep_file()
    {
        var spec = _cli.Spec("name: rec\nexperiment: bench-noop\ngrid: {x: [1, 2]}\n");
        var (exit, _, stderr) = await CliRun.Invoke("run", spec, "grid.x=[3]", "seeds=2", "--out", _cli.Out, "--store", _cli.Store);
        Assert.Equal((ExitCodes.Success, ""), (exit, stderr));
        var yaml = File.ReadAllText(Path.Combine(_cli.Out, "sweep.yaml"));
        Assert.StartsWith("# resolved with overrides: grid.x=[3] seeds=2\n", yaml, StringComparison.Ordinal);
        Assert.Equal(2, File.ReadAllLines(Path.Combine(_cli.Out, "points.jsonl")).Length);
    }

    [Theory]
    [InlineData(40)]
    [InlineData(78)]
    [InlineData(120)]
    public void The_progress_line_never_exceeds_the_terminal_width(int width)
    {
        using var output = new StringWriter();
        var console = new CliConsole(output, TextWriter.Null, IsTerminal: true, () => width);
        var start = DateTimeOffset.UtcNow.AddSeconds(-30);
        var reporter = new ProgressReporter(console, TimeProvider.System);
        reporter.Report(new SweepProgress(SweepState.Running, 1_000_000, 900_000, 64, 35_936, 0, 12_000, 0, start, null, Slots: 2));
        reporter.Report(new SweepProgress(SweepState.Running, 1_000_000, 800_000, 64, 135_936, 0, 12_000, 0, start, null, Slots: 2));
        foreach (var redraw in output.ToString().Split('\r', StringSplitOptions.RemoveEmptyEntries))
        {
            Assert.True(redraw.Length < width, $"{redraw.Length} columns drawn on a {width}-column terminal: '{redraw}'");
        }
    }

    [Fact]
    public void Running_counts_executing_points_and_the_eta_weighs_each_kind_by_its_cost()
    {
        var now = DateTimeOffset.UtcNow;
        // 10 s in, on 2 slots: 4 cheap points of 100 ms and 1 expensive one of 8 s computed (8.4 s of work in 10 s).
        var progress = new SweepProgress(SweepState.Running, 20, 9, 6, 5, 0, 0, 0, now.AddSeconds(-10), null, Slots: 2,
            Kinds: [new KindProgress("method=lda", 4, 4, 400), new KindProgress("method=infonce", 1, 1, 8000)]);
        // Left: 6 cheap (0.6 s) and 9 expensive (72 s) = 72.6 s of work at 0.84 s of work a second: 86.4 s.
        var line = ProgressReporter.Format(progress, now, new Dictionary<string, long> { ["method=lda"] = 10, ["method=infonce"] = 10 });
        Assert.Contains("running 2 (+4 queued)", line, StringComparison.Ordinal);
        Assert.Equal("1:26", EtaText().Match(line).Groups[1].Value);
        // Without kinds: the remaining 15 points at the rate so far (0.5 points/s), 30 s.
        Assert.Equal("0:30", EtaText().Match(ProgressReporter.Format(progress, now)).Groups[1].Value);
    }

    [Fact]
    public async Task List_experiments_says_what_each_metric_means_its_range_and_direction()
    {
        var (exit, stdout, _) = await CliRun.Invoke("list-experiments", "gmm-contrastive");
        Assert.Equal(ExitCodes.Success, exit);
        Assert.DoesNotContain("bench-noop", stdout, StringComparison.Ordinal);
        Assert.Matches(@"subspace_distance\s+\[0, 1\]\s+lower is better\s+sine of the largest principal angle", stdout);
        Assert.Matches(@"nmi\s+\[0, 1\]\s+higher is better\s+normalized mutual information", stdout);
        foreach (var experiment in ExperimentCatalog.Default.All)
        {
            Assert.All(experiment.MetricSpecs, m => Assert.NotEqual("(no description)", m.Description));
        }
    }

    [Fact]
    public async Task Completion_prints_a_script_that_asks_the_parser_for_suggestions()
    {
        var (exit, stdout, _) = await CliRun.Invoke("completion", "bash");
        Assert.Equal(ExitCodes.Success, exit);
        Assert.Contains("[suggest:", stdout, StringComparison.Ordinal);
        Assert.Contains("complete -o default -F _contrastive_complete contrastive", stdout, StringComparison.Ordinal);
        await AssertOneLine("error: SHELL: 'tcsh' is not one of bash, zsh", "completion", "tcsh");
    }

    [GeneratedRegex(@"ETA (\S+)")]
    private static partial Regex EtaText();
}
