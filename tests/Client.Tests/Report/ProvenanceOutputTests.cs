using System.Reflection;
using System.Text.Json;
using ContrastiveOrleans.Experiments.Gmm;
using Parquet;

namespace ContrastiveOrleans.Client.Tests.Report;

/// <summary>A run's output says what produced each number and shows how training went.</summary>
public sealed class ProvenanceOutputTests : IDisposable
{
    private const string Sweep = """
        name: trained
        experiment: gmm-contrastive
        seeds: [0, 1]
        params: {d: 8, k: 3, r: 2, n_train: 600, n_test: 200, epochs: 3, batch: 64}
        grid:
          method: [infonce, lda]
        curves:
          - {name: by-method, x: method, metric: subspace_distance}
        """;

    private readonly CliRun _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Points_jsonl_parquet_and_the_page_carry_provenance_and_learning_curves()
    {
        var ct = TestContext.Current.CancellationToken;
        var before = DateTimeOffset.UtcNow;
        var (exit, stdout, stderr) = await CliRun.Invoke("run", _cli.Spec(Sweep), "--out", _cli.Out, "--store", _cli.Store);
        Assert.True(exit == ExitCodes.Success, stdout + stderr);
        var version = typeof(ContrastiveCli).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion.Split('+')[0];

        var lines = (await File.ReadAllLinesAsync(Path.Combine(_cli.Out, "points.jsonl"), ct)).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(4, lines.Count);
        foreach (var line in lines)
        {
            var p = line.GetProperty("provenance");
            Assert.Equal((version, Environment.MachineName, "cpu", new GmmContrastiveExperiment().Version),
                (p.GetProperty("tool").GetString(), p.GetProperty("host").GetString(), p.GetProperty("device").GetString(), p.GetProperty("experiment_version").GetString()));
            Assert.True(DateTimeOffset.Parse(p.GetProperty("started_at").GetString()!, System.Globalization.CultureInfo.InvariantCulture) >= before.AddSeconds(-1));
            var trains = line.GetProperty("params").GetProperty("method").GetString() == "infonce";
            Assert.Equal(trains, line.TryGetProperty("curve", out var curve));
            if (trains) Assert.Equal(curve.GetProperty("total_steps").GetInt64(), curve.GetProperty("step").EnumerateArray().Last().GetInt64());
        }

        var page = ReportHtml.Parse(await File.ReadAllTextAsync(Path.Combine(_cli.Out, "report.html"), ct));
        var learning = page.Descendants("section").Single(s => (string?)s.Attribute("class") == "learning");
        Assert.Equal("Learning curves", learning.Element("h2")!.Value);
        Assert.True(File.Exists(Path.Combine(_cli.Out, "plots", "learning-curves.svg")));
        // And each run's own curve: the two infonce runs (lda does not train).
        Assert.True(File.Exists(Path.Combine(_cli.Out, "plots", "learning-curves-runs.png")));
        Assert.Contains(learning.Elements("img"), i => (string?)i.Attribute("alt") == "learning curves of each run");
        var summary = page.Descendants("table").First(t => (string?)t.Attribute("class") == "summary");
        Assert.Contains(summary.Elements("tr"), r => r.Element("th")!.Value == "host" && r.Element("td")!.Value == Environment.MachineName);
        Assert.Contains(summary.Elements("tr"), r => r.Element("th")!.Value == "libtorch" && r.Element("td")!.Value.Length > 0);
        // Every point is a row of the table, with its id.
        var ids = page.Descendants("table").Single(t => (string?)t.Attribute("id") == "points-table").Descendants("code").Select(c => c.Value);
        Assert.Equal(lines.Select(l => l.GetProperty("id").GetString()), ids);

        (exit, _, stderr) = await CliRun.Invoke("report", _cli.Out, "--format", "parquet");
        Assert.Equal((ExitCodes.Success, ""), (exit, stderr));
        await using var file = File.OpenRead(Path.Combine(_cli.Out, "points.parquet"));
        await using var reader = await ParquetReader.CreateAsync(file, cancellationToken: ct);
        Assert.Equal(version, reader.CustomMetadata["contrastive.tool"]);
        Assert.Equal(new GmmContrastiveExperiment().Version, reader.CustomMetadata["contrastive.experiment_version"]);
        Assert.Contains(reader.Schema.GetDataFields(), f => f.Name == "provenance.host");
    }
}
