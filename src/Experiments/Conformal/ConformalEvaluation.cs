using static TorchSharp.torch;

namespace ContrastiveOrleans.Experiments.Conformal;

/// <summary>Calibrated threshold of a fixed shape and its test-split metrics.</summary>
public sealed record ConformalEvaluation(
    double Threshold,
    long CalibrationScores,
    double CalibrationCoverage,
    double Coverage,
    double AnchorCoverage,
    double Exclusion,
    double LogVolume)
{
    /// <summary>
    /// Exact split conformal on the calibration split (unit per <see cref="CalibrationUnits"/>), then coverage = share
    /// of test (anchor, positive) pairs with g ≤ t, anchor coverage = share of test anchors whose first positive has
    /// g ≤ t (one score per anchor: the count the split-conformal law describes), and exclusion = share of test (anchor, negative) pairs with g &gt; t.
    /// </summary>
    public static ConformalEvaluation Run(
        ICoveringSet set, PairSampler calibration, PairSampler test, ConformalOptions options, Generator generator)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(calibration);
        ArgumentNullException.ThrowIfNull(test);
        ArgumentNullException.ThrowIfNull(options);
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();

        var calibrationIndex = arange(calibration.Count, device: calibration.Device);
        var perAnchor = options.PairUnit ? options.Positives : 1;
        var calibrationScores = Scores(set, calibration, calibrationIndex,
            calibration.Positives(calibrationIndex, perAnchor, generator));
        var scores = calibrationScores.to(ScalarType.Float64).cpu().data<double>().ToArray();
        var threshold = SplitConformal.Threshold(scores, options.Alpha);
        var calibrationCoverage = scores.Count(s => s <= threshold) / (double)scores.Length;

        var testIndex = arange(test.Count, device: test.Device);
        var positive = Scores(set, test, testIndex, test.Positives(testIndex, options.Positives, generator));
        var negative = Scores(set, test, testIndex, test.Negatives(testIndex, options.Negatives, generator));
        var coverage = (positive <= threshold).to(ScalarType.Float64).mean().item<double>();
        // The first of a test anchor's positives is one random positive, drawn as a calibration anchor's is.
        var anchorCoverage = (positive[.., 0] <= threshold).to(ScalarType.Float64).mean().item<double>();
        var exclusion = (negative > threshold).to(ScalarType.Float64).mean().item<double>();
        var logVolume = double.IsPositiveInfinity(threshold)
            ? double.PositiveInfinity
            : set.LogVolume(tensor(threshold, dtype: ScalarType.Float64, device: test.Device)).to(ScalarType.Float64).item<double>();
        return new ConformalEvaluation(threshold, scores.Length, calibrationCoverage, coverage, anchorCoverage, exclusion, logVolume);
    }

    private static Tensor Scores(ICoveringSet set, PairSampler split, Tensor index, Tensor partners) =>
        set.Score(partners - split.Anchors(index).unsqueeze(1));
}
