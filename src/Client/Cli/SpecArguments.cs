using System.CommandLine;
using ContrastiveOrleans.Sweeps;

namespace ContrastiveOrleans.Client.Cli;

/// <summary>The PATH=VALUE overrides after a sweep file (Hydra's syntax): anything else there is an unexpected argument.</summary>
public static class SpecArguments
{
    public static Argument<string[]> Overrides() => new("OVERRIDES")
    {
        Description = "Changes to the sweep file, each PATH=VALUE with VALUE in YAML (params.epochs=5 seeds=2 grid.noise=[0,0.2] resources.threads=2), or ~PATH to remove one; checked like the file.",
        Arity = ArgumentArity.ZeroOrMore,
    };

    public static IReadOnlyList<string> Values(ParseResult result, Argument<string[]> overrides)
    {
        ArgumentNullException.ThrowIfNull(result);
        var values = result.GetValue(overrides) ?? [];
        foreach (var value in values)
        {
            if (!SpecOverrides.LooksLikeOverride(value))
            {
                throw new UsageException($"{value}: unexpected argument; after SPEC come overrides PATH=VALUE (e.g. params.epochs=5) or ~PATH");
            }
        }
        return values;
    }
}
