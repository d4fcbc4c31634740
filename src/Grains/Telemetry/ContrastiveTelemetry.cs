using System.Diagnostics;
using System.Diagnostics.Metrics;
using ContrastiveOrleans.Experiments.Abstractions;

namespace ContrastiveOrleans.Grains.Telemetry;

/// <summary>
/// The product's ActivitySource and Meter, both named "ContrastiveOrleans", and every instrument the engine records.
/// Static: with no listener (no exporter configured) each Add/Record is a cheap enabled-check and StartActivity
/// returns null. Exporters live in the hosts (ContrastiveOrleans.Telemetry).
/// </summary>
public static class ContrastiveTelemetry
{
    public const string Name = ExperimentTracing.SourceName;

    /// <summary>Tag naming the experiment on every point-level measurement.</summary>
    public const string ExperimentTag = "contrastive.experiment";

    public static ActivitySource Source => ExperimentTracing.Source;

    public static Meter Meter { get; } = new(Name, typeof(ContrastiveTelemetry).Assembly.GetName().Version?.ToString());

    // Point durations span milliseconds (bench-noop, cache hits) to tens of minutes (large training runs).
    private static readonly double[] SecondsBuckets = [0.001, 0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800, 3600];

    public static Counter<long> SweepPoints { get; } = Meter.CreateCounter<long>(
        "contrastive.sweep.points", "{point}", "Points submitted by started sweeps (the denominator of sweep progress).");

    public static UpDownCounter<long> SweepsActive { get; } = Meter.CreateUpDownCounter<long>(
        "contrastive.sweeps.active", "{sweep}", "Sweeps running on this silo.");

    public static Counter<long> PointsStarted { get; } = Meter.CreateCounter<long>(
        "contrastive.points.started", "{point}", "Point runs begun, cached or computed.");

    public static Counter<long> PointsCompleted { get; } = Meter.CreateCounter<long>(
        "contrastive.points.completed", "{point}", "Points finished done, cached ones included.");

    public static Counter<long> PointsFailed { get; } = Meter.CreateCounter<long>(
        "contrastive.points.failed", "{point}", "Points finished failed.");

    public static Counter<long> PointsCached { get; } = Meter.CreateCounter<long>(
        "contrastive.points.cached", "{point}", "Done points reused from the result store instead of computed.");

    public static Counter<long> PointsSkipped { get; } = Meter.CreateCounter<long>(
        "contrastive.points.skipped", "{point}", "Points of cancelled sweeps that were never run.");

    public static Histogram<double> PointDuration { get; } = Meter.CreateHistogram<double>(
        "contrastive.point.duration", "s", "Wall time of computed points (cache hits excluded).", tags: null,
        new InstrumentAdvice<double> { HistogramBucketBoundaries = SecondsBuckets });

    public static Counter<long> TrainingSteps { get; } = Meter.CreateCounter<long>(
        "contrastive.training.steps", "{step}", "Optimiser steps reported by training runs.");

    public static Histogram<double> TrainingThroughput { get; } = Meter.CreateHistogram<double>(
        "contrastive.training.throughput", "{step}/s", "Steps per second of each training run, from its progress reports.", tags: null,
        new InstrumentAdvice<double> { HistogramBucketBoundaries = [1, 10, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 50000] });

    public static Histogram<double> StoreDuration { get; } = Meter.CreateHistogram<double>(
        "contrastive.store.duration", "s", "Result-store latency by operation (get, put).", tags: null,
        new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0001, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5] });

    public static ObservableGauge<int> TrainingsActive { get; } = Meter.CreateObservableGauge(
        "contrastive.trainings.active", () => WorkerPoolGauges.Active, "{point}", "Points running on worker threads now.");

    public static ObservableGauge<int> PointsQueued { get; } = Meter.CreateObservableGauge(
        "contrastive.points.queued", () => WorkerPoolGauges.Queued, "{point}", "Points waiting for a free worker.");

    public static ObservableGauge<int> WorkerSlots { get; } = Meter.CreateObservableGauge(
        "contrastive.workers.slots", () => WorkerPoolGauges.Slots, "{slot}", "Worker slots (points that can run at once).");

    public static TagList ExperimentTags(string experiment) => new() { { ExperimentTag, experiment } };
}
