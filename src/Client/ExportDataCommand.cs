using ContrastiveOrleans.Client.Output;
using ContrastiveOrleans.Experiments.Abstractions;

namespace ContrastiveOrleans.Client;

/// <summary>
/// `contrastive export-data SPEC --point N --out DIR`: runs point N of the expanded sweep in this process and writes
/// its data and learned map as CSV files (atomically), for analysis in any external tool.
/// </summary>
public sealed class ExportDataCommand(ExperimentCatalog catalog, CliConsole console)
{
    private static readonly string[] Options = ["--point", "--out", "--device"];

    public async Task<int> ExecuteAsync(IEnumerable<string> args, CancellationToken cancellationToken)
    {
        var line = new CommandLine("export-data", args, Options);
        var specPath = line.Positional("SPEC");
        var outFlag = line.Option("--out") ?? throw new UsageException("--out: missing; give the directory to write");
        var deviceFlag = line.ChoiceOption("--device", Devices.Names);
        var plan = await SpecLoader.LoadAsync(specPath, catalog, CancellationToken.None).ConfigureAwait(false);
        var last = (int)Math.Min(plan.Count - 1, int.MaxValue);
        var index = line.IntOption("--point", 0, last)
            ?? throw new UsageException($"--point: missing; give a point index in [0, {last}]");
        var outDir = OutputGuard.For(specPath, store: null).CheckReplaceable(outFlag, "--out");
        var experiment = plan.Spec.Experiment;
        if (experiment is not IDataExporter exporter)
        {
            var able = catalog.All.Where(e => e is IDataExporter).Select(e => e.Name).Order(StringComparer.Ordinal);
            throw new UsageException($"experiment: '{experiment.Name}' cannot export data; experiments that can: {string.Join(", ", able)}");
        }

        var point = plan.Points().Skip(index).First();
        var context = new ExperimentContext(ParameterSet.FromJson(point.ParamsJson), point.Seed,
            Devices.Resolve(deviceFlag ?? plan.Spec.Resources.Device), plan.Spec.Resources.Threads);
        IReadOnlyList<string> files = [];
        try
        {
            await AtomicDirectory.ReplaceAsync(outDir, temp =>
                Task.Run(() => files = exporter.ExportData(context, temp, cancellationToken), cancellationToken), console.Error).ConfigureAwait(false);
        }
        catch (ExperimentFailedException e)
        {
            await console.Error.WriteLineAsync($"error: point {index} ({point.Id}) failed: {e.Message}").ConfigureAwait(false);
            return ExitCodes.PointsFailed;
        }
        await console.Out.WriteLineAsync(
            $"point {index} ({point.Id}, seed {point.Seed}, {point.ParamsJson}): wrote {string.Join(", ", files)} to {Path.GetFullPath(outDir)}").ConfigureAwait(false);
        return ExitCodes.Success;
    }
}
