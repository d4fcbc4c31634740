using System.CommandLine;
using System.Globalization;
using System.Text;
using ContrastiveOrleans.Client.Cli;
using ContrastiveOrleans.Client.Output;

namespace ContrastiveOrleans.Client.Report;

/// <summary>
/// `contrastive verify PATH... [--out DIR] [--runs DIR] [--store DIR] [--workers N]`: runs every sweep file that declares
/// claims (each into RUNS/NAME, default out/NAME, reusing the result store), checks the claims, prints one reproduction table and writes it as
/// DIR/verify.md and DIR/verify.html. Exit 0 when every claim holds, 1 when one fails or is inconclusive.
/// </summary>
public sealed class VerifyCommand : CliCommand
{
    private readonly Argument<string[]> _paths = new("PATH") { Description = "Sweep files, or folders whose *.yaml files are read (e.g. sweeps/).", Arity = ArgumentArity.OneOrMore };
    private readonly Option<string> _out = CliOptions.Text("--out", "DIR", "Where verify.md and verify.html go (default out/verify).");
    private readonly Option<string> _runs = CliOptions.Text("--runs", "DIR", "Where each sweep's output directory goes, as RUNS/NAME (default out).");
    private readonly Option<string> _store = CliOptions.Text("--store", "DIR", "The result store the runs share (default as for run).");
    private readonly Option<string> _workers = CliOptions.Text("--workers", "N", "Points run at once (default as for run).");

    public VerifyCommand(CliContext context)
        : base("verify", """
            Reproduce the papers: run every sweep file that declares claims (results already in the store are reused),
            check each claim against its 95% interval and print one table of verdicts (holds, fails, inconclusive).

            Examples:
              contrastive verify sweeps/
              contrastive verify sweeps/infonce-vs-lda-anisotropic.yaml --out out/verify-anisotropic
            """, context)
    {
        Arguments.Add(_paths);
        Options.Add(_out);
        Options.Add(_runs);
        Options.Add(_store);
        Options.Add(_workers);
    }

    protected override async Task<int> ExecuteAsync(ParseResult result, CancellationToken cancellationToken)
    {
        var outDir = OutputGuard.For(specPath: null, store: result.GetValue(_store)).CheckReplaceable(result.GetValue(_out) ?? Path.Combine("out", "verify"), "--out");
        var files = new List<string>();
        foreach (var path in result.GetValue(_paths) ?? [])
        {
            if (Directory.Exists(path))
            {
                try
                {
                    files.AddRange(Directory.EnumerateFiles(path, "*.yaml").Order(StringComparer.Ordinal));
                }
                catch (Exception e) when (e is UnauthorizedAccessException or IOException)
                {
                    throw new UsageException($"PATH: '{path}' cannot be listed ({(e is UnauthorizedAccessException ? "permission denied" : e.Message)})");
                }
            }
            else if (File.Exists(path)) files.Add(path);
            else throw new UsageException($"PATH: '{path}' is neither a sweep file nor a folder");
        }
        // Every file is checked before anything runs: a bad one is one line, exit 2, nothing run.
        var withClaims = new List<(string File, Sweeps.SweepPlan Plan)>();
        foreach (var file in files)
        {
            var plan = await SpecLoader.LoadAsync(file, Context.Catalog, cancellationToken).ConfigureAwait(false);
            if (plan.Spec.Claims.Count > 0) withClaims.Add((file, plan));
        }
        if (withClaims.Count == 0) throw new UsageException($"PATH: none of the {files.Count} sweep files declares claims (a `claims:` list)");
        // Each run's directory is checked here too, so a bad one is blamed on --runs (the flag given), not on the
        // nested run's --out, and before the first sweep runs.
        foreach (var (file, plan) in withClaims)
        {
            OutputGuard.For(specPath: file, store: result.GetValue(_store)).CheckReplaceable(Path.Combine(result.GetValue(_runs) ?? "out", plan.Spec.Name), "--runs");
        }

        var rows = new List<(string Sweep, ClaimVerdict Verdict)>();
        foreach (var (file, plan) in withClaims)
        {
            var runOut = Path.Combine(result.GetValue(_runs) ?? "out", plan.Spec.Name);
            string[] args = ["run", file, "--out", runOut,
                .. result.GetValue(_store) is { } store ? new[] { "--store", store } : [],
                .. result.GetValue(_workers) is { } workers ? new[] { "--workers", workers } : []];
            var exit = await ContrastiveCli.RunAsync(args, Console, Context.Environment, cancellationToken).ConfigureAwait(false);
            if (exit is ExitCodes.Cancelled or ExitCodes.BadInput) return exit;
            var output = await OutputReader.ReadAsync(runOut, Context.Catalog, cancellationToken).ConfigureAwait(false);
            var checker = ClaimChecker.For(output.Spec)!;
            await foreach (var point in OutputReader.Results(output, cancellationToken).ConfigureAwait(false)) checker.Add(point);
            rows.AddRange(checker.Verdicts().Select(v => (plan.Spec.Name, v)));
        }

        var o = Console.Out;
        await o.WriteLineAsync().ConfigureAwait(false);
        await o.WriteLineAsync($"{rows.Count} claims of {withClaims.Count} sweeps: {rows.Count(r => r.Verdict.Verdict == ClaimVerdict.Holds)} hold, {rows.Count(r => r.Verdict.Verdict == ClaimVerdict.Fails)} fail, {rows.Count(r => r.Verdict.Verdict == ClaimVerdict.Inconclusive)} inconclusive").ConfigureAwait(false);
        foreach (var (sweep, v) in rows)
        {
            await o.WriteLineAsync($"  {v.Verdict,-12} {sweep}: {v.Claim.Name} — {v.Claim.Statement}: {Numbers(v)}{(v.Note.Length > 0 ? $" ({v.Note})" : "")}").ConfigureAwait(false);
        }
        await AtomicDirectory.ReplaceAsync(outDir, async temp =>
        {
            await AtomicFile.WriteAllTextAsync(Path.Combine(temp, "verify.md"), Markdown(rows), cancellationToken).ConfigureAwait(false);
            await AtomicFile.WriteAllTextAsync(Path.Combine(temp, "verify.html"), Page(rows), cancellationToken).ConfigureAwait(false);
        }, Console.Error).ConfigureAwait(false);
        await o.WriteLineAsync($"wrote {Path.Combine(outDir, "verify.md")} and verify.html").ConfigureAwait(false);
        return rows.All(r => r.Verdict.Verdict == ClaimVerdict.Holds) ? ExitCodes.Success : ExitCodes.PointsFailed;
    }

    private static string Numbers(ClaimVerdict v) => double.IsNaN(v.Low)
        ? string.Create(CultureInfo.InvariantCulture, $"{Number(v.Mean)} (n {v.N})")
        : string.Create(CultureInfo.InvariantCulture, $"{Number(v.Mean)} [{Number(v.Low)}, {Number(v.High)}] (n {v.N})");

    private static string Number(double v) => double.IsNaN(v) ? "-" : v.ToString("G4", CultureInfo.InvariantCulture);

    private static string Markdown(List<(string Sweep, ClaimVerdict Verdict)> rows)
    {
        static string Cell(string? s) => (s ?? "").Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
        var text = new StringBuilder("| sweep | claim | source | statement | mean [95% interval] (n) | verdict |\n|---|---|---|---|---|---|\n");
        foreach (var (sweep, v) in rows)
        {
            text.Append("| ").Append(Cell(sweep)).Append(" | ").Append(Cell(v.Claim.Name)).Append(" | ").Append(Cell(v.Claim.Source)).Append(" | ")
                .Append(Cell(v.Claim.Statement)).Append(" | ").Append(Cell(Numbers(v))).Append(" | **").Append(v.Verdict).Append("**")
                .Append(v.Note.Length > 0 ? " (" + Cell(v.Note) + ")" : "").Append(" |\n");
        }
        return text.ToString();
    }

    private static string Page(List<(string Sweep, ClaimVerdict Verdict)> rows)
    {
        var h = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\" />\n<title>contrastive verify</title>\n<style>\n")
            .Append(HtmlReport.Style)
            .Append("</style>\n</head>\n<body>\n<h1>Reproduction: the papers' claims</h1>\n<table>\n<tr><th>sweep</th><th>claim</th><th>source</th><th>statement</th><th>mean [95% interval] (n)</th><th>verdict</th><th>note</th></tr>\n");
        foreach (var (sweep, v) in rows)
        {
            h.Append("<tr><td>").Append(Html.Text(sweep)).Append("</td><td>").Append(Html.Text(v.Claim.Name)).Append("</td><td>").Append(Html.Text(v.Claim.Source))
                .Append("</td><td>").Append(Html.Text(v.Claim.Statement)).Append("</td><td>").Append(Html.Text(Numbers(v))).Append("</td><td><strong>")
                .Append(v.Verdict).Append("</strong></td><td>").Append(Html.Text(v.Note)).Append("</td></tr>\n");
        }
        return h.Append("</table>\n</body>\n</html>\n").ToString();
    }
}
