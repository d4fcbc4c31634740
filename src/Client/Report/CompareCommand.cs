using System.CommandLine;
using ContrastiveOrleans.Client.Cli;
using ContrastiveOrleans.Client.Output;
using ContrastiveOrleans.Grains.Stats;

namespace ContrastiveOrleans.Client.Report;

/// <summary>
/// `contrastive compare DIR1 DIR2 … [--out DIR]`: the same-named curves of several runs side by side. It prints, per
/// curve, each later run's difference from the first with its 95% Welch interval; --out also writes compare.html and
/// the overlaid plots (one line style per run).
/// </summary>
public sealed class CompareCommand : CliCommand
{
    private const int MaxSweeps = 8;
    private readonly Argument<string[]> _dirs = new("DIR") { Description = "Output directories of runs (2 to 8); the first is the baseline.", Arity = ArgumentArity.ZeroOrMore };
    private readonly Option<string> _out = CliOptions.Text("--out", "DIR", "Also write compare.html and plots/ here (replaced only if new, empty or an earlier output).");

    public CompareCommand(CliContext context)
        : base("compare", """
            Compare runs: each curve name the runs share, overlaid, with each run's difference from the first run
            (mean − baseline mean at each point both have, and its 95% Welch interval).

            Examples:
              contrastive compare out/infonce-vs-lda-isotropic out/infonce-vs-lda-anisotropic
              contrastive compare out/week1 out/week2 --out out/week1-vs-week2
            """, context)
    {
        Arguments.Add(_dirs);
        Options.Add(_out);
    }

    protected override async Task<int> ExecuteAsync(ParseResult result, CancellationToken cancellationToken)
    {
        var dirs = result.GetValue(_dirs) ?? [];
        if (dirs.Length is < 2 or > MaxSweeps) throw new UsageException($"DIR: give 2 to {MaxSweeps} output directories, not {dirs.Length}");
        var outFlag = result.GetValue(_out);
        var outDir = outFlag is null ? null : OutputGuard.For(specPath: null, store: null).CheckReplaceable(outFlag, "--out");
        if (outDir is not null && dirs.Any(d => OutputPaths.IsWithin(NativeFiles.Canonical(Path.GetFullPath(d)), NativeFiles.Canonical(outDir))))
        {
            throw new UsageException($"--out: '{outDir}' holds a compared run; give a directory of its own");
        }

        var sweeps = new List<ComparedSweep>();
        foreach (var dir in dirs)
        {
            var output = await OutputReader.ReadAsync(dir, Context.Catalog, cancellationToken).ConfigureAwait(false);
            var aggregator = new CurveAggregator(output.Spec.Curves);
            var summary = new ResultSummary();
            await foreach (var point in OutputReader.Results(output, cancellationToken).ConfigureAwait(false))
            {
                aggregator.Add(point);
                summary.Add(point);
            }
            sweeps.Add(new ComparedSweep(Label(output.Spec.Name, dir, sweeps), Path.GetFullPath(dir), output.Spec, aggregator.Rows(), summary));
        }

        var names = sweeps.SelectMany(s => s.Spec.Curves.Select(c => c.Name)).Distinct(StringComparer.Ordinal).ToList();
        var stems = PlotFileNames.Assign(names);
        var sections = new List<ComparePage.Section>();
        var o = Console.Out;
        for (var i = 0; i < names.Count; i++)
        {
            var having = sweeps.Where(s => s.Spec.Curves.Any(c => c.Name == names[i])).ToList();
            var curve = having[0].Spec.Curves.First(c => c.Name == names[i]);
            var differences = having.Skip(1).SelectMany(s => CurveComparison.Differences(curve.Name, having[0].Rows, s.Label, s.Rows)).ToList();
            await o.WriteLineAsync($"{curve.Name} ({curve.Metric} against {curve.X}{(curve.Series is null ? "" : $", per {curve.Series}")}): " +
                (having.Count < 2 ? $"only in {having[0].Label}" : $"difference from {having[0].Label}")).ConfigureAwait(false);
            foreach (var d in differences)
            {
                var where = d.Series.Length == 0 ? $"{curve.X}={d.X}" : curve.Series is null ? $"{d.Series} {curve.X}={d.X}" : $"{curve.Series}={d.Series} {curve.X}={d.X}";
                var mark = d.Low > 0 || d.High < 0 ? "  *" : "";
                await o.WriteLineAsync($"  {d.Sweep}  {where}: {ComparePage.Number(d.Difference)} [{ComparePage.Number(d.Low)}, {ComparePage.Number(d.High)}] (n {d.BaselineN} / {d.OtherN}){mark}").ConfigureAwait(false);
            }
            if (outDir is not null) sections.Add(new ComparePage.Section(curve, having, ComparePlotter.Render(curve, having), stems[i], differences));
        }
        await o.WriteLineAsync("(* the 95% Welch interval of the difference excludes 0)").ConfigureAwait(false);
        if (outDir is null) return ExitCodes.Success;

        await AtomicDirectory.ReplaceAsync(outDir, async temp =>
        {
            var plots = Path.Combine(temp, ReportWriter.PlotsDirectory);
            Directory.CreateDirectory(plots);
            foreach (var section in sections)
            {
                await AtomicFile.WriteAllTextAsync(Path.Combine(plots, section.Stem + ".svg"), section.Plot.Svg, cancellationToken).ConfigureAwait(false);
                await AtomicFile.WriteAllBytesAsync(Path.Combine(plots, section.Stem + ".png"), section.Plot.Png, cancellationToken).ConfigureAwait(false);
            }
            await AtomicFile.WriteAllTextAsync(Path.Combine(temp, ComparePage.File), ComparePage.Render(sweeps, sections), cancellationToken).ConfigureAwait(false);
        }, Console.Error).ConfigureAwait(false);
        await o.WriteLineAsync($"wrote {Path.Combine(outDir, ComparePage.File)} and {sections.Count} plots").ConfigureAwait(false);
        return ExitCodes.Success;
    }

    /// <summary>The sweep's name, or its directory's when two runs share a name, made unique.</summary>
    private static string Label(string name, string dir, List<ComparedSweep> earlier)
    {
        var label = earlier.Any(s => s.Label == name) ? Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(dir))) : name;
        var candidate = label;
        for (var i = 2; earlier.Any(s => s.Label == candidate); i++) candidate = $"{label}-{i}";
        return candidate;
    }
}
