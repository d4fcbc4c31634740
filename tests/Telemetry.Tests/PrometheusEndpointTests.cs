namespace ContrastiveOrleans.Telemetry.Tests;

/// <summary>The silo's Prometheus endpoint on loopback serves the sweep's metrics in the text format.</summary>
[Collection(SiloTests.Name)]
public sealed class PrometheusEndpointTests(PrometheusScrape scrape) : IClassFixture<PrometheusScrape>
{
    private static readonly (string, string) Probe = ("contrastive_experiment", ProbeExperiment.ExperimentName);

    [Fact]
    public void Point_counters_are_counters_with_the_sweeps_counts()
    {
        Assert.Equal("127.0.0.1", scrape.Endpoint.Host);
        Assert.Equal("counter", scrape.Types["contrastive_points_completed_total"]);
        Assert.Equal("counter", scrape.Types["contrastive_points_failed_total"]);
        // 2 x-values x 2 fail-values, one seed: 4 points, 2 done and 2 failed, each reporting 50 steps.
        Assert.Equal(4, scrape.Value("contrastive_sweep_points_total", Probe));
        Assert.Equal(4, scrape.Value("contrastive_points_started_total", Probe));
        Assert.Equal(2, scrape.Value("contrastive_points_completed_total", Probe));
        Assert.Equal(2, scrape.Value("contrastive_points_failed_total", Probe));
        Assert.Equal(200, scrape.Value("contrastive_training_steps_total", Probe));
        // No loss gauge: it showed whichever run reported last; results carry their learning curves instead.
        Assert.DoesNotContain("contrastive_training_loss", scrape.Types.Keys);
        Assert.Equal(0, scrape.Value("contrastive_sweeps_active", Probe));
    }

    [Fact]
    public void Point_duration_is_a_histogram_in_seconds_over_computed_points()
    {
        Assert.Equal("histogram", scrape.Types["contrastive_point_duration_seconds"]);
        Assert.Equal(4, scrape.Value("contrastive_point_duration_seconds_count", Probe));
        Assert.Equal(2, scrape.Value("contrastive_point_duration_seconds_count", Probe, ("contrastive_status", "failed")));
        Assert.Equal(4, scrape.Value("contrastive_point_duration_seconds_bucket", Probe, ("le", "+Inf")));
        Assert.Equal("histogram", scrape.Types["contrastive_store_duration_seconds"]);
        Assert.Equal(4, scrape.Value("contrastive_store_duration_seconds_count", ("contrastive_store_operation", "put")));
    }

    [Fact]
    public void Orleans_and_runtime_metrics_are_served_too()
    {
        Assert.True(scrape.Value("orleans_catalog_activations", ("grain_type", "sweep")) >= 1);
        Assert.Contains("dotnet_process_cpu_time_seconds_total", scrape.Types.Keys);
        Assert.Contains("dotnet_gc_heap_total_allocated_bytes_total", scrape.Types.Keys);
        Assert.Equal(2, scrape.Value("contrastive_workers_slots"));
        Assert.Contains(scrape.Samples, s => s.Name == "target_info" && s.Labels.GetValueOrDefault("service_name") == "contrastive");
    }
}
