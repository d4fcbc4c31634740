using System.Diagnostics.Metrics;
using System.Text.Json;
using System.Text.RegularExpressions;
using ContrastiveOrleans.Grains.Telemetry;

namespace ContrastiveOrleans.Telemetry.Tests;

/// <summary>
/// deploy/telemetry/grafana-dashboard.json parses, and every query names only metrics that exist: the product's
/// instruments (read from the live Meter, named by the Prometheus rules) or series a silo actually served.
/// </summary>
[Collection(SiloTests.Name)]
public sealed partial class GrafanaDashboardTests(PrometheusScrape scrape) : IClassFixture<PrometheusScrape>
{
    private static readonly string DashboardPath = Path.Combine(AppContext.BaseDirectory, "deploy", "grafana-dashboard.json");

    [Fact]
    public void The_products_instruments_have_the_names_the_exporter_serves()
    {
        var instruments = ProductInstruments();
        Assert.Contains(instruments, i => i.Name == "contrastive.point.duration");
        var predicted = instruments.Select(PrometheusNames.Family).ToHashSet(StringComparer.Ordinal);
        var served = scrape.Types.Keys.Where(k => k.StartsWith("contrastive_", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(served);
        Assert.All(served, name => Assert.Contains(name, predicted));
    }

    [Fact]
    public void Every_query_names_an_emitted_metric()
    {
        var known = ProductInstruments().SelectMany(PrometheusNames.Series)
            .Concat(scrape.Samples.Select(s => s.Name))
            .ToHashSet(StringComparer.Ordinal);
        using var dashboard = JsonDocument.Parse(File.ReadAllText(DashboardPath));
        var exprs = Targets(dashboard.RootElement).ToList();
        Assert.True(exprs.Count >= 15, $"only {exprs.Count} queries");
        foreach (var expr in exprs)
        {
            var metrics = MetricNames(expr).ToList();
            Assert.True(metrics.Count > 0, $"no metric in query: {expr}");
            Assert.All(metrics, m => Assert.True(known.Contains(m), $"{m} (in {expr}) is not emitted"));
        }
        var variable = dashboard.RootElement.GetProperty("templating").GetProperty("list").EnumerateArray()
            .Single(v => v.GetProperty("name").GetString() == "experiment");
        var query = LabelValues().Match(variable.GetProperty("definition").GetString()!);
        Assert.True(query.Success);
        Assert.Contains(query.Groups[1].Value, known);
    }

    [Fact]
    public void Panels_cover_progress_throughput_duration_failures_load_and_activations()
    {
        using var dashboard = JsonDocument.Parse(File.ReadAllText(DashboardPath));
        var all = string.Join("\n", Targets(dashboard.RootElement));
        foreach (var needle in new[]
        {
            "contrastive_sweep_points_total", "rate(contrastive_points_completed_total", "histogram_quantile(0.99, sum by (le) (rate(contrastive_point_duration_seconds_bucket",
            "contrastive_points_failed_total", "contrastive_trainings_active", "contrastive_points_queued", "orleans_catalog_activations",
        })
        {
            Assert.Contains(needle, all, StringComparison.Ordinal);
        }
    }

    private static IEnumerable<string> Targets(JsonElement root)
    {
        foreach (var panel in root.GetProperty("panels").EnumerateArray())
        {
            if (!panel.TryGetProperty("targets", out var targets)) continue;
            foreach (var target in targets.EnumerateArray()) yield return target.GetProperty("expr").GetString()!;
        }
    }

    /// <summary>Identifiers that are metrics: label matchers {…} and grouping clauses by/without (…) removed first.</summary>
    private static IEnumerable<string> MetricNames(string expr)
    {
        var stripped = Grouping().Replace(Matchers().Replace(expr, ""), "");
        return Identifier().Matches(stripped).Select(m => m.Value).Distinct();
    }

    private static List<Instrument> ProductInstruments()
    {
        var found = new List<Instrument>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, _) =>
            {
                if (instrument.Meter.Name == ContrastiveTelemetry.Name) found.Add(instrument);
            },
        };
        _ = ContrastiveTelemetry.Meter;
        listener.Start();
        return found;
    }

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex Matchers();

    [GeneratedRegex(@"\b(by|without)\s*\([^)]*\)")]
    private static partial Regex Grouping();

    [GeneratedRegex(@"\b(contrastive|orleans|dotnet|process)_[a-z0-9_]+\b")]
    private static partial Regex Identifier();

    [GeneratedRegex(@"label_values\(\s*([a-zA-Z_:][a-zA-Z0-9_:]*)\s*,")]
    private static partial Regex LabelValues();
}
