using System.Globalization;
using ContrastiveOrleans.Experiments.Abstractions;

namespace ContrastiveOrleans.Client;

/// <summary>`contrastive list-experiments`: names, versions, parameter schemas and metrics.</summary>
public sealed class ListExperimentsCommand(ExperimentCatalog catalog, CliConsole console)
{
    public async Task<int> ExecuteAsync(IEnumerable<string> args, CancellationToken cancellationToken)
    {
        new CommandLine("list-experiments", args, []).NoPositionals();
        var o = console.Out;
        foreach (var name in catalog.Names)
        {
            var e = catalog.Get(name);
            await o.WriteLineAsync($"{e.Name} (version {e.Version}): {e.Description}").ConfigureAwait(false);
            await o.WriteLineAsync("  parameters:").ConfigureAwait(false);
            var width = e.Parameters.Max(p => p.Name.Length);
            foreach (var p in e.Parameters)
            {
                await o.WriteLineAsync($"    {p.Name.PadRight(width)}  {Kind(p.Kind),-7}  default {Show(p.Default),-8}  {Domain(p)}  {p.Description}").ConfigureAwait(false);
            }
            await o.WriteLineAsync($"  metrics: {string.Join(", ", e.Metrics)}").ConfigureAwait(false);
            await o.WriteLineAsync().ConfigureAwait(false);
        }
        return ExitCodes.Success;
    }

    private static string Kind(ParameterKind kind) => kind switch
    {
        ParameterKind.Integer => "integer",
        ParameterKind.Number => "number",
        ParameterKind.Boolean => "boolean",
        _ => "text",
    };

    private static string Domain(ParameterSpec p) => p switch
    {
        { Allowed.Count: > 0 } => $"allowed: {string.Join(", ", p.Allowed)}",
        { Kind: ParameterKind.Integer or ParameterKind.Number } => $"range {p.RangeText()}",
        _ => "",
    };

    private static string Show(object value) => value switch
    {
        double d => ParameterSet.FormatDouble(d),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
