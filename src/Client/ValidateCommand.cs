using System.CommandLine;
using System.Globalization;
using ContrastiveOrleans.Client.Cli;
using ContrastiveOrleans.Sweeps;

namespace ContrastiveOrleans.Client;

/// <summary>`contrastive validate SPEC [PATH=VALUE ...]`: parses and counts without running or expanding.</summary>
public sealed class ValidateCommand : CliCommand
{
    private readonly Argument<string> _spec = CliOptions.Required("SPEC", "The path of a sweep file.");
    private readonly Argument<string[]> _overrides = SpecArguments.Overrides();

    public ValidateCommand(CliContext context)
        : base("validate", """
            Check a sweep file (and overrides) and print its point count and the memory its largest point needs.
            Counted, not expanded: a 10^8-point grid validates in the time the file takes to parse.

            Examples:
              contrastive validate sweeps/quickstart.yaml
              contrastive validate sweeps/quickstart.yaml seeds=10 grid.noise=[0,0.1,0.2]
            """, context)
    {
        Arguments.Add(_spec);
        Arguments.Add(_overrides);
    }

    protected override async Task<int> ExecuteAsync(ParseResult result, CancellationToken cancellationToken)
    {
        var spec = await SpecLoader.ParseAsync(result.GetValue(_spec)!, SpecArguments.Values(result, _overrides), Context.Catalog, cancellationToken).ConfigureAwait(false);
        var memory = spec.LargestPoint is { Estimate.Bytes: > 0 } largest ? $"; the largest point needs about {SpecLimits.Bytes(largest.Estimate.Bytes)}" : "";
        await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{spec.Name}: {(spec.Search.IsAdaptive ? SearchText.Points(SweepPlan.Of(spec)) : $"{SweepCount.Of(spec)} points")} ({spec.Experiment.Name} v{spec.Experiment.Version}, {Plural(spec.Seeds.Count, "seed")}, {Plural(spec.Curves.Count, "curve")}{(spec.Claims.Count > 0 ? ", " + Plural(spec.Claims.Count, "claim") : "")}){memory}")).ConfigureAwait(false);
        return ExitCodes.Success;
    }

    private static string Plural(int n, string noun) => string.Create(CultureInfo.InvariantCulture, $"{n} {noun}{(n == 1 ? "" : "s")}");
}
