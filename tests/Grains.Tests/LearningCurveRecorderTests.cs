using ContrastiveOrleans.Experiments.Abstractions;
using ContrastiveOrleans.Grains.Contracts;
using ContrastiveOrleans.Grains.Telemetry;

namespace ContrastiveOrleans.Grains.Tests;

public sealed class LearningCurveRecorderTests
{
    [Fact]
    public void A_long_run_keeps_one_sample_per_thirty_second_of_training_and_its_last_step()
    {
        var recorder = new LearningCurveRecorder(null);
        const long total = 10_000;
        for (long step = 1; step <= total; step++) recorder.Report(new TrainingProgress(step, total, 1.0 / step));
        var curve = recorder.Curve()!;

        // The first report at or past each k/32 of training: step ceil(k * total / 32), k = 0..32 (k = 0 is step 1).
        long[] expected = [1, .. Enumerable.Range(1, LearningCurve.Samples).Select(k => (long)Math.Ceiling(k * total / 32.0))];
        Assert.Equal(expected, curve.Steps);
        Assert.Equal(expected.Select(s => 1.0 / s), curve.Loss);
        Assert.Equal(total, curve.TotalSteps);
        Assert.Equal(1.0, curve.Fraction(curve.Steps.Length - 1));
    }

    [Fact]
    public void A_run_reporting_every_epoch_keeps_every_report_and_passes_each_on()
    {
        var seen = new List<TrainingProgress>();
        var recorder = new LearningCurveRecorder(new InlineProgress(seen.Add));
        for (var epoch = 1; epoch <= 5; epoch++) recorder.Report(new TrainingProgress(epoch * 40, 200, 10 - epoch));
        var curve = recorder.Curve()!;
        Assert.Equal([40L, 80, 120, 160, 200], curve.Steps);
        Assert.Equal([9.0, 8, 7, 6, 5], curve.Loss);
        Assert.Equal(5, seen.Count);
        // Over the last quarter (from step 120 ≤ 150 to 200): (5 − 7) / 7.
        Assert.Equal(-2.0 / 7, curve.LastQuarterChange()!.Value, 12);
    }

    [Fact]
    public void A_second_training_restarting_at_a_lower_step_replaces_the_first_and_nothing_reported_is_null()
    {
        var recorder = new LearningCurveRecorder(null);
        Assert.Null(recorder.Curve());
        recorder.Report(new TrainingProgress(50, 100, 3));
        recorder.Report(new TrainingProgress(100, 100, 2));
        recorder.Report(new TrainingProgress(10, 20, 7));
        recorder.Report(new TrainingProgress(20, 20, 6));
        var curve = recorder.Curve()!;
        Assert.Equal([10L, 20], curve.Steps);
        Assert.Equal([7.0, 6], curve.Loss);
        Assert.Equal(20, curve.TotalSteps);
    }

    [Fact]
    public void Non_finite_losses_are_not_samples()
    {
        var recorder = new LearningCurveRecorder(null);
        recorder.Report(new TrainingProgress(1, 2, double.NaN));
        recorder.Report(new TrainingProgress(2, 2, 4));
        Assert.Equal([2L], recorder.Curve()!.Steps);
    }

    private sealed class InlineProgress(Action<TrainingProgress> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => report(value);
    }
}
