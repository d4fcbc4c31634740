using System.Globalization;
using ContrastiveOrleans.Experiments.Abstractions;
using ContrastiveOrleans.Sweeps;

namespace ContrastiveOrleans.Client;

/// <summary>`contrastive validate SPEC`: parses and expands without running; prints the point count.</summary>
public sealed class ValidateCommand(ExperimentCatalog catalog, CliConsole console)
{
    public async Task<int> ExecuteAsync(IEnumerable<string> args, CancellationToken cancellationToken)
    {
        var line = new CommandLine("validate", args, []);
        // Counted, not expanded: a 10^8-point grid validates in the time its file takes to parse.
        var spec = await SpecLoader.ParseAsync(line.Positional("SPEC"), catalog, cancellationToken).ConfigureAwait(false);
        var memory = spec.LargestPoint is { Estimate.Bytes: > 0 } largest ? $"; the largest point needs about {SpecLimits.Bytes(largest.Estimate.Bytes)}" : "";
        await console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{spec.Name}: {SweepCount.Of(spec)} points ({spec.Experiment.Name} v{spec.Experiment.Version}, {Plural(spec.Seeds.Count, "seed")}, {Plural(spec.Curves.Count, "curve")}){memory}")).ConfigureAwait(false);
        return ExitCodes.Success;
    }

    private static string Plural(int n, string noun) => string.Create(CultureInfo.InvariantCulture, $"{n} {noun}{(n == 1 ? "" : "s")}");
}
