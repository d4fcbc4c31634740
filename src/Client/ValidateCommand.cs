using System.Globalization;
using ContrastiveOrleans.Experiments.Abstractions;

namespace ContrastiveOrleans.Client;

/// <summary>`contrastive validate SPEC`: parses and expands without running; prints the point count.</summary>
public sealed class ValidateCommand(ExperimentCatalog catalog, CliConsole console)
{
    public async Task<int> ExecuteAsync(IEnumerable<string> args, CancellationToken cancellationToken)
    {
        var line = new CommandLine("validate", args, []);
        var plan = await SpecLoader.LoadAsync(line.Positional("SPEC"), catalog, cancellationToken).ConfigureAwait(false);
        var spec = plan.Spec;
        await console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{spec.Name}: {plan.Points.Count} points ({spec.Experiment.Name} v{spec.Experiment.Version}, {Plural(spec.Seeds.Count, "seed")}, {Plural(spec.Curves.Count, "curve")})")).ConfigureAwait(false);
        return ExitCodes.Success;
    }

    private static string Plural(int n, string noun) => string.Create(CultureInfo.InvariantCulture, $"{n} {noun}{(n == 1 ? "" : "s")}");
}
