using System.CommandLine;
using System.Globalization;
using ContrastiveOrleans.Client.Cli;
using ContrastiveOrleans.Client.Output;
using ContrastiveOrleans.Experiments.Abstractions;
using ContrastiveOrleans.Sweeps;

namespace ContrastiveOrleans.Client;

/// <summary>
/// `contrastive export-data SPEC --point N|ID --out DIR`: runs one point of the sweep in this process and writes its
/// data and learned map as CSV files (atomically), for analysis in any external tool.
/// </summary>
public sealed class ExportDataCommand : CliCommand
{
    private readonly Argument<string> _spec = CliOptions.Required("SPEC", "The path of a sweep file.");
    private readonly Argument<string[]> _overrides = SpecArguments.Overrides();
    private readonly Option<string> _point = CliOptions.Text("--point", "N|ID", "The point: its index in sweep order (0-based) or its id (as in points.jsonl).");
    private readonly Option<string> _out = CliOptions.Text("--out", "DIR", "The directory to write (replaced only if new, empty or an earlier output).");
    private readonly Option<string> _device = CliOptions.Text("--device", "cpu|cuda|auto", "Device (default: resources.device).");

    public ExportDataCommand(CliContext context)
        : base("export-data", """
            Run one point of a sweep and write its data and learned map as CSV (train.csv, test.csv, and the maps) for
            analysis in any other tool.

            Examples:
              contrastive export-data sweeps/quickstart.yaml --point 0 --out out/point0
              contrastive export-data sweeps/quickstart.yaml --point 5b1f0c7e2d9a4b3c8e6f1a0d7c5b3e2f --out out/that-point
            """, context)
    {
        Arguments.Add(_spec);
        Arguments.Add(_overrides);
        Options.Add(_point);
        Options.Add(_out);
        Options.Add(_device);
    }

    protected override async Task<int> ExecuteAsync(ParseResult result, CancellationToken cancellationToken)
    {
        var specPath = result.GetValue(_spec)!;
        var outFlag = result.GetValue(_out) ?? throw new UsageException("--out: missing; give the directory to write");
        var deviceFlag = CliOptions.Choice(result, _device, Devices.Names);
        var plan = await SpecLoader.LoadAsync(specPath, SpecArguments.Values(result, _overrides), Context.Catalog, CancellationToken.None).ConfigureAwait(false);
        var (index, point) = Find(plan, result.GetValue(_point));
        var outDir = OutputGuard.For(specPath, store: null).CheckReplaceable(outFlag, "--out");
        var experiment = plan.Spec.Experiment;
        if (experiment is not IDataExporter exporter)
        {
            var able = Context.Catalog.All.Where(e => e is IDataExporter).Select(e => e.Name).Order(StringComparer.Ordinal);
            throw new UsageException($"experiment: '{experiment.Name}' cannot export data; experiments that can: {string.Join(", ", able)}");
        }

        var parameters = ParameterSet.FromJson(point.ParamsJson);
        if (exporter.CannotExport(parameters) is { } reason) throw new UsageException(reason);
        var context = new ExperimentContext(parameters, point.Seed,
            Devices.Resolve(deviceFlag ?? plan.Spec.Resources.Device), plan.Spec.Resources.Threads);
        IReadOnlyList<string> files = [];
        try
        {
            await AtomicDirectory.ReplaceAsync(outDir, temp =>
                Task.Run(() => files = exporter.ExportData(context, temp, cancellationToken), cancellationToken), Console.Error).ConfigureAwait(false);
        }
        catch (ExperimentFailedException e)
        {
            await Console.Error.WriteLineAsync($"error: point {index} ({point.Id}) failed: {e.Message}").ConfigureAwait(false);
            return ExitCodes.PointsFailed;
        }
        await Console.Out.WriteLineAsync(
            $"point {index} ({point.Id}, seed {point.Seed}, {point.ParamsJson}): wrote {string.Join(", ", files)} to {Path.GetFullPath(outDir)}").ConfigureAwait(false);
        return ExitCodes.Success;
    }

    /// <summary>The point an index or an id names; anything else is one line naming --point.</summary>
    private static (long Index, PlannedPoint Point) Find(SweepPlan plan, string? text)
    {
        if (text is null) throw new UsageException($"--point: missing; give a point index in [0, {plan.Count - 1}] or a point id");
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
        {
            return index < plan.Count
                ? (index, plan.Points().Skip((int)Math.Min(index, int.MaxValue)).First())
                : throw new UsageException($"--point: {text} is outside [0, {plan.Count - 1}]");
        }
        if (!PointIds.IsId(text)) throw new UsageException($"--point: '{text}' is neither an index nor a point id (32 hex digits)");
        var position = 0L;
        foreach (var point in plan.Points())
        {
            if (point.Id == text) return (position, point);
            position++;
        }
        throw new UsageException($"--point: '{text}' is not a point of this sweep");
    }
}
