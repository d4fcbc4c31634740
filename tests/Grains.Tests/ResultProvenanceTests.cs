using System.Reflection;
using System.Text.Json;
using ContrastiveOrleans.Experiments.Abstractions;
using ContrastiveOrleans.Grains.Contracts;
using ContrastiveOrleans.Grains.Storage;

namespace ContrastiveOrleans.Grains.Tests;

/// <summary>Every computed result says what produced it, and every training run carries its learning curve.</summary>
[Collection(ClusterDefinition.Name)]
public sealed class ResultProvenanceTests(ClusterFixture fixture)
{
    public static TheoryData<string, string> TrainingRuns => new()
    {
        { "gmm-contrastive", """{"d":8,"k":3,"r":2,"n_train":600,"n_test":200,"epochs":3,"batch":64}""" },
        { "gmm-clip", """{"d_x":8,"d_y":6,"k":3,"r":2,"n_train":600,"n_test":200,"epochs":3,"batch":64,"noise_dims":1}""" },
        { "alpha-cl", """{"d":8,"k":3,"n_train":400,"n_test":200,"epochs":3,"batch":32,"width":4}""" },
        { "alpha-cl", """{"d":8,"k":3,"n_train":400,"n_test":200,"batch":32,"width":4,"fixed_alpha":true,"fixed_steps":200}""" },
        { "conformal-sets", """{"set":"single-norm","epochs":3,"points_per_cluster":40}""" },
    };

    [Theory]
    [MemberData(nameof(TrainingRuns))]
    public async Task A_training_run_records_its_learning_curve_and_provenance(string experiment, string given)
    {
        var before = DateTimeOffset.UtcNow;
        var result = await Run(experiment, given);
        var after = DateTimeOffset.UtcNow;
        Assert.True(result.Status == PointStatus.Done, result.Error);

        var curve = result.Curve!;
        Assert.NotNull(curve);
        Assert.InRange(curve.Steps.Length, 2, LearningCurve.Samples + 2);
        Assert.Equal(curve.Steps.Length, curve.Loss.Length);
        Assert.True(curve.Steps.Zip(curve.Steps.Skip(1)).All(p => p.First < p.Second), string.Join(",", curve.Steps));
        Assert.Equal(curve.TotalSteps, curve.Steps[^1]);
        Assert.All(curve.Loss, l => Assert.True(double.IsFinite(l)));
        // The experiment's own report of where training ended is the curve's last sample.
        if (result.Metrics.TryGetValue("final_loss", out var finalLoss) && experiment != "alpha-cl") Assert.Equal(finalLoss, curve.Loss[^1], 5);

        // Where the time went: the three phases, back to back, inside the run (the point's clock starts before the
        // experiment's; the margin is for the two clocks' rounding, not for timing).
        double[] phases = [result.Metrics["data_ms"], result.Metrics["train_ms"], result.Metrics["eval_ms"]];
        Assert.All(phases, ms => Assert.True(ms >= 0));
        Assert.InRange(phases.Sum(), 0, result.DurationMs + 50);

        var p = result.Provenance!;
        var informational = typeof(PointResult).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion.Split('+');
        Assert.Equal(informational[0], p.Tool);
        Assert.Equal(informational.Length > 1 ? informational[1] : null, p.Commit);
        Assert.Equal(ExperimentCatalog.Default.Get(experiment).Version, p.ExperimentVersion);
        // The versions this repository pins, and the library the process really mapped.
        Assert.Equal(PinnedVersion("TorchSharp"), p.TorchSharp);
        Assert.Equal($"{PinnedVersion("libtorch-cpu-linux-x64")} (libtorch-cpu-linux-x64)", p.LibTorch);
        Assert.Contains(File.ReadLines("/proc/self/maps"), l => l.EndsWith("/libtorch_cpu.so", StringComparison.Ordinal));
        Assert.Equal(("cpu", Environment.MachineName), (p.Device, p.Host));
        Assert.True(before <= p.StartedAt && p.StartedAt <= p.FinishedAt && p.FinishedAt <= after, $"{before:O} {p.StartedAt:O} {p.FinishedAt:O} {after:O}");
        Assert.InRange((p.FinishedAt - p.StartedAt).TotalMilliseconds, result.DurationMs - 50, result.DurationMs + 5000);
    }

    [Fact]
    public async Task Eval_every_records_the_metric_of_the_model_as_it_trains_ending_at_the_reported_one()
    {
        var result = await Run("gmm-contrastive", """{"d":8,"k":3,"r":2,"n_train":600,"n_test":200,"epochs":3,"batch":64,"eval_every":1}""");
        Assert.True(result.Status == PointStatus.Done, result.Error);
        var curve = result.Curve!;
        // 600 pairs in batches of 64: 9 steps an epoch, one evaluation after each.
        Assert.Equal([9L, 18, 27], curve.EvalSteps!);
        var distances = curve.Eval!["subspace_distance"];
        Assert.Equal(3, distances.Length);
        Assert.All(distances, d => Assert.InRange(d, 0, 1));
        // The last evaluation is of the final map: the experiment's own metric.
        Assert.Equal(result.Metrics["subspace_distance"], distances[^1], 12);

        var back = PointResultJson.Read(JsonDocument.Parse(PointResultJson.ToJson(result)).RootElement);
        Assert.Equal(curve.EvalSteps, back.Curve!.EvalSteps);
        Assert.Equal(distances, back.Curve.Eval!["subspace_distance"]);
    }

    [Fact]
    public async Task A_run_that_does_not_train_has_no_curve_and_no_torch_versions()
    {
        var result = await Run("bench-noop", """{"x":2.5}""");
        Assert.Null(result.Curve);
        Assert.Equal((null, null, "cpu"), (result.Provenance!.TorchSharp, result.Provenance.LibTorch, result.Provenance.Device));
    }

    [Fact]
    public void Provenance_and_curve_survive_the_json_line_and_an_older_line_reads_without_them()
    {
        var provenance = new PointProvenance("1.2.3", "abc123", "2", "0.107.0", "2.10.0", "cpu", 1, "host-1",
            new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 12, 1, 10, 0, 1, 500, TimeSpan.Zero));
        var result = new PointResult("0123456789abcdef0123456789abcdef", "gmm-contrastive", """{"d":8}""", 3, PointStatus.Done,
            new() { ["final_loss"] = 0.25 }, null, 1500, Provenance: provenance, Curve: new LearningCurve(100, [50, 100], [0.5, 0.1 + 0.2]));
        var json = PointResultJson.ToJson(result);
        using var document = JsonDocument.Parse(json);
        var back = PointResultJson.Read(document.RootElement);
        Assert.Equal(provenance, back.Provenance);
        Assert.Equal(100L, back.Curve!.TotalSteps);
        Assert.Equal([50L, 100], back.Curve.Steps);
        Assert.Equal([0.5, 0.1 + 0.2], back.Curve.Loss);
        Assert.Equal("2026-12-01T10:00:01.5000000Z", document.RootElement.GetProperty("provenance").GetProperty("finished_at").GetString());

        const string older = """{"id":"0123456789abcdef0123456789abcdef","experiment":"bench-noop","params":{"x":1.0},"seed":0,"status":"done","metrics":{"value":1},"error":null,"duration_ms":3,"cached":false}""";
        using var old = JsonDocument.Parse(older);
        var read = PointResultJson.Read(old.RootElement);
        Assert.Equal((null, null), (read.Provenance, read.Curve));
    }

    private async Task<PointResult> Run(string experiment, string given)
    {
        var e = ExperimentCatalog.Default.Get(experiment);
        var (resolved, errors) = ExperimentCatalog.Resolve(e, ParameterSet.FromJson(given));
        Assert.Empty(errors);
        var point = new SweepPoint(Sweeps.PointIds.For(e, resolved, 0), experiment, resolved.ToCanonicalJson(), 0);
        return await fixture.Client.GetGrain<IPointGrain>(point.Id).Run(new PointRequest(point, "cpu"), TestContext.Current.CancellationToken);
    }

    /// <summary>A package's version as Directory.Packages.props pins it.</summary>
    private static string PinnedVersion(string package)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(dir!.FullName, "Directory.Packages.props"))) dir = dir.Parent;
        var props = System.Xml.Linq.XDocument.Load(Path.Combine(dir.FullName, "Directory.Packages.props"));
        return props.Descendants("PackageVersion").Single(e => (string?)e.Attribute("Include") == package).Attribute("Version")!.Value;
    }
}
