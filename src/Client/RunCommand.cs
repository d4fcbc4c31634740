using System.CommandLine;
using System.Globalization;
using ContrastiveOrleans.Client.Cli;
using ContrastiveOrleans.Client.Cluster;
using ContrastiveOrleans.Sweeps;

namespace ContrastiveOrleans.Client;

/// <summary>
/// `contrastive run SPEC [PATH=VALUE ...]`: a sweep on an embedded silo, or with --cluster submitted to a cluster.
/// Options of the other mode are refused with a line that says which mode takes them.
/// </summary>
public sealed class RunCommand : CliCommand
{
    private readonly Argument<string> _spec = CliOptions.Required("SPEC", "The path of a sweep file.");
    private readonly Argument<string[]> _overrides = SpecArguments.Overrides();
    private readonly Option<string> _out = CliOptions.Text("--out", "DIR", "Output directory (default out/NAME); replaced only if it is new, empty or an earlier output of contrastive.");
    private readonly Option<string> _workers = CliOptions.Text("--workers", "N", "Embedded: points run at once (default: cores / resources.threads).");
    private readonly Option<string> _device = CliOptions.Text("--device", "cpu|cuda|auto", "Device of every point (default: resources.device).");
    private readonly Option<string> _store = CliOptions.Text("--store", "DIR", "Embedded: the result store (default $CONTRASTIVE_STORE, else ~/.cache/contrastive/store).");
    private readonly Option<bool> _force = CliOptions.Switch("--force", "Run even if the largest point needs more memory than this machine's budget.");
    private readonly Option<bool> _dryRun = CliOptions.Switch("--dry-run", "Print the resolved sweep and its point count; run and write nothing.");
    private readonly Option<string> _otlp = CliOptions.Text("--otlp", "URL", "Embedded: export traces and metrics by OTLP (also $OTEL_EXPORTER_OTLP_ENDPOINT).");
    private readonly Option<string> _otlpProtocol = CliOptions.Text("--otlp-protocol", "grpc|http/protobuf", "Embedded: the OTLP protocol (default grpc).");
    private readonly Option<string> _prometheus = CliOptions.Text("--prometheus", "[HOST:]PORT", "Embedded: a Prometheus scrape endpoint at /metrics (127.0.0.1 unless a host is given).");
    private readonly Option<bool> _telemetryConsole = CliOptions.Switch("--telemetry-console", "Embedded: print spans and metrics to the console.");
    private readonly Option<string> _cluster = CliOptions.Text("--cluster", "C", "Submit to a cluster: localhost[:PORT], a NAME with $CONTRASTIVE_CLUSTER_<NAME> set, or a connection string.");
    private readonly Option<string> _concurrency = CliOptions.Text("--concurrency", "N", "Cluster: points in flight at once (default: the cluster's worker slots x 16).");
    private readonly Option<bool> _detach = CliOptions.Switch("--detach", "Cluster: submit, print the sweep id and return; the sweep goes on.");

    public RunCommand(CliContext context)
        : base("run", """
            Run a sweep: on an embedded silo (nothing else needed), or with --cluster on a cluster of silos. Writes the
            output directory (points.jsonl, curves.csv, sweep.yaml, report.html, plots/); Ctrl-C, SIGTERM or SIGHUP
            cancel an embedded run and keep every finished point (rerun to resume); with --cluster they only detach.

            Examples:
              contrastive run sweeps/quickstart.yaml
              contrastive run sweeps/quickstart.yaml params.epochs=5 seeds=2 --dry-run
              contrastive run sweeps/infonce-vs-lda-anisotropic.yaml grid.noise=[0,0.3] --out out/try --workers 2
              contrastive run sweeps/quickstart.yaml --cluster dev --detach
            """, context)
    {
        Arguments.Add(_spec);
        Arguments.Add(_overrides);
        foreach (var option in new Option[] { _out, _workers, _device, _store, _force, _dryRun, _otlp, _otlpProtocol, _prometheus, _telemetryConsole, _cluster, _concurrency, _detach })
        {
            Options.Add(option);
        }
    }

    protected override async Task<int> ExecuteAsync(ParseResult result, CancellationToken cancellationToken)
    {
        var cluster = CliOptions.Given(result, _cluster);
        CheckMode(result, cluster);
        var specPath = result.GetValue(_spec)!;
        var overrides = SpecArguments.Values(result, _overrides);
        var device = CliOptions.Choice(result, _device, SweepResources.Devices);
        var dryRun = result.GetValue(_dryRun);
        if (cluster)
        {
            var target = ClusterTarget.Resolve(result.GetValue(_cluster), Context.Environment);
            var concurrency = CliOptions.Integer(result, _concurrency, 1, 100_000) ?? 0;
            var plan = await SpecLoader.LoadAsync(specPath, overrides, Context.Catalog, CancellationToken.None).ConfigureAwait(false);
            if (dryRun) return await DryRun(plan).ConfigureAwait(false);
            var outDir = Output.OutputGuard.For(specPath, store: null).CheckReplaceable(result.GetValue(_out) ?? Path.Combine("out", plan.Spec.Name), "--out");
            return await new ClusterRun(Context.Catalog, Console).ExecuteAsync(plan, target, outDir, device, concurrency, result.GetValue(_detach), result.GetValue(_force), cancellationToken).ConfigureAwait(false);
        }
        var workers = CliOptions.Integer(result, _workers, 1, 1024);
        var telemetry = TelemetryFlags.Parse(result.GetValue(_otlp), CliOptions.Choice(result, _otlpProtocol, Telemetry.TelemetryOptions.OtlpProtocols),
            result.GetValue(_prometheus), result.GetValue(_telemetryConsole));
        var embeddedPlan = await SpecLoader.LoadAsync(specPath, overrides, Context.Catalog, CancellationToken.None).ConfigureAwait(false);
        if (dryRun) return await DryRun(embeddedPlan).ConfigureAwait(false);
        return await new EmbeddedRun(Console).ExecuteAsync(embeddedPlan, specPath, result.GetValue(_out), result.GetValue(_store), workers, device,
            result.GetValue(_force), telemetry, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>An option of the other mode is one line saying which mode takes it (and what to use instead).</summary>
    private void CheckMode(ParseResult result, bool cluster)
    {
        if (cluster)
        {
            foreach (var (option, instead) in new (Option, string)[]
            {
                (_workers, "a cluster's workers are set on its silos (Contrastive:Workers)"),
                (_store, "a cluster's silos have their own result store (Contrastive:ResultStore)"),
                (_otlp, "a cluster's telemetry is configured on its silos (Contrastive:Telemetry)"),
                (_otlpProtocol, "a cluster's telemetry is configured on its silos (Contrastive:Telemetry)"),
                (_prometheus, "a cluster's telemetry is configured on its silos (Contrastive:Telemetry)"),
                (_telemetryConsole, "a cluster's telemetry is configured on its silos (Contrastive:Telemetry)"),
            })
            {
                if (CliOptions.Given(result, option)) throw new UsageException($"{option.Name}: only for embedded runs (without --cluster); {instead}");
            }
            return;
        }
        foreach (var (option, instead) in new (Option, string)[]
        {
            (_concurrency, "an embedded run takes --workers"),
            (_detach, "an embedded run stops with the process; Ctrl-C cancels it and keeps finished points"),
        })
        {
            if (CliOptions.Given(result, option)) throw new UsageException($"{option.Name}: only with --cluster (cluster mode); {instead}");
        }
    }

    private async Task<int> DryRun(SweepPlan plan)
    {
        await Console.Out.WriteAsync(SweepYamlWriter.Format(plan)).ConfigureAwait(false);
        await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{plan.Spec.Name}: {SearchText.Points(plan)} of {plan.Spec.Experiment.Name} v{plan.Spec.Experiment.Version} (dry run: nothing run, nothing written)")).ConfigureAwait(false);
        return ExitCodes.Success;
    }
}
