using System.CommandLine;
using System.Globalization;
using ContrastiveOrleans.Client.Cli;
using ContrastiveOrleans.Experiments.Abstractions;

namespace ContrastiveOrleans.Client;

/// <summary>`contrastive list-experiments [NAME]`: names, versions, parameter schemas, and what each metric means.</summary>
public sealed class ListExperimentsCommand : CliCommand
{
    private readonly Argument<string?> _name = new("NAME") { Description = "Show only this experiment.", Arity = ArgumentArity.ZeroOrOne };

    public ListExperimentsCommand(CliContext context)
        : base("list-experiments", """
            List the experiments: their parameters (type, default, range or allowed values) and their metrics (what
            each measures, its range, and whether higher or lower is better).

            Examples:
              contrastive list-experiments
              contrastive list-experiments gmm-contrastive
            """, context)
    {
        Arguments.Add(_name);
    }

    protected override async Task<int> ExecuteAsync(ParseResult result, CancellationToken cancellationToken)
    {
        var names = Context.Catalog.Names;
        if (result.GetValue(_name) is { } only)
        {
            names = Context.Catalog.TryGet(only, out _) ? [only] : throw new UsageException($"NAME: '{only}' is not one of {string.Join(", ", Context.Catalog.Names)}");
        }
        var o = Console.Out;
        foreach (var name in names)
        {
            var e = Context.Catalog.Get(name);
            await o.WriteLineAsync($"{e.Name} (version {e.Version}): {e.Description}").ConfigureAwait(false);
            await o.WriteLineAsync("  parameters:").ConfigureAwait(false);
            var width = e.Parameters.Max(p => p.Name.Length);
            foreach (var p in e.Parameters)
            {
                await o.WriteLineAsync($"    {p.Name.PadRight(width)}  {Kind(p.Kind),-7}  default {Show(p.Default),-8}  {Domain(p)}  {p.Description}").ConfigureAwait(false);
            }
            await o.WriteLineAsync($"  metrics: {string.Join(", ", e.Metrics)}").ConfigureAwait(false);
            var metricWidth = e.MetricSpecs.Max(m => m.Name.Length);
            foreach (var m in e.MetricSpecs)
            {
                await o.WriteLineAsync($"    {m.Name.PadRight(metricWidth)}  {m.RangeText(),-12}  {m.GoalText,-19}  {m.Description}").ConfigureAwait(false);
            }
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
