using System.Diagnostics;
using ContrastiveOrleans.Experiments.Abstractions;
using ContrastiveOrleans.Grains.Contracts;
using ContrastiveOrleans.Grains.Telemetry;

namespace ContrastiveOrleans.Grains;

/// <summary>
/// What one point's run records on the worker (the device it resolved to, the libtorch it loaded, its learning curve,
/// when it started and how long it took), for a point run alone or as one of a packed program.
/// </summary>
internal sealed class PointRun(SweepPoint point, ParameterSet parameters, string device, int threads, ActivityContext parent, bool usesTorch,
    PointStopRule? stop = null)
{
    private readonly string _device = device;
    private TrainingProgressRecorder? _progress;

    public SweepPoint Point { get; } = point;

    private ActivityContext Parent { get; } = parent;

    public string ResolvedDevice { get; private set; } = device;

    public string? LibTorch { get; private set; }

    public LearningCurveRecorder? Curve { get; private set; }

    public DateTimeOffset Started { get; private set; } = DateTimeOffset.UtcNow;

    /// <summary>The run's time; for a packed point its share of the program's (the pack's time over its size).</summary>
    public long ElapsedMs { get; private set; }

    /// <summary>Points in the program that ran it (1: alone).</summary>
    public int Packed { get; private set; } = 1;

    /// <summary>Runs on the worker: resolving the device may load libtorch, and the first LibTorch read parses deps.json.</summary>
    private ExperimentContext Prepare()
    {
        _progress = PointTelemetry.Progress(Point.Experiment);
        Curve = new LearningCurveRecorder(_progress);
        ResolvedDevice = Devices.Resolve(_device);
        if (usesTorch) LibTorch = TorchVersions.LibTorch;
        Started = DateTimeOffset.UtcNow;
        return new ExperimentContext(parameters, Point.Seed, ResolvedDevice, threads, stop is null ? Curve : new Search.StoppingProgress(Curve, stop));
    }

    public IReadOnlyDictionary<string, double> RunAlone(IExperiment experiment, CancellationToken cancellationToken)
    {
        using var activity = PointTelemetry.StartRun(Point, Parent);
        var context = Prepare();
        var clock = Stopwatch.StartNew();
        try
        {
            var values = experiment.Run(context, cancellationToken);
            _progress?.Complete();
            TagPhases(activity, values);
            return values;
        }
        finally
        {
            ElapsedMs = clock.ElapsedMilliseconds;
        }
    }

    /// <summary>The run's time per phase (data_ms, train_ms, eval_ms) on its span, so a trace shows where it went.</summary>
    private static void TagPhases(Activity? activity, IReadOnlyDictionary<string, double> metrics)
    {
        if (activity is null) return;
        foreach (var phase in PhaseClock.Metrics)
            if (metrics.TryGetValue(phase, out var ms)) activity.SetTag($"contrastive.{phase}", ms);
    }

    /// <summary>Runs the points as one program; outcome i is runs[i]'s metrics or the exception that failed it alone.</summary>
    public static IReadOnlyList<(IReadOnlyDictionary<string, double>? Value, Exception? Error)> RunTogether(IPackableExperiment experiment,
        IReadOnlyList<PointRun> runs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        ArgumentNullException.ThrowIfNull(runs);
        // One run span per point, as alone; the program's own spans nest under the last.
        var activities = runs.Select(r => PointTelemetry.StartRun(r.Point, r.Parent)).ToList();
        try
        {
            var contexts = runs.Select(r => r.Prepare()).ToList();
            var clock = Stopwatch.StartNew();
            var outcomes = experiment.RunPacked(contexts, cancellationToken);
            var share = clock.ElapsedMilliseconds / runs.Count;
            for (var i = 0; i < runs.Count; i++)
            {
                runs[i].ElapsedMs = share;
                runs[i].Packed = runs.Count;
                if (outcomes[i].Metrics is not { } metrics) continue;
                runs[i]._progress?.Complete();
                TagPhases(activities[i], metrics);
            }
            return [.. outcomes.Select(o => (o.Metrics, o.Error))];
        }
        finally
        {
            for (var i = activities.Count - 1; i >= 0; i--) activities[i]?.Dispose();
        }
    }
}
