using ContrastiveOrleans.Experiments.Abstractions;
using ContrastiveOrleans.Experiments.Conformal;
using static TorchSharp.torch;

namespace ContrastiveOrleans.Experiments.Tests.Conformal;

/// <summary>
/// The per-anchor guarantee through the real sampler and evaluation: over fresh data draws, the mean test coverage of
/// a fixed shape lies in [1−α, 1−α + 1/(n+1)] (n calibration anchors) up to z = 3.89 standard errors of the mean
/// (two-sided false alarm 1e-4; the standard error is estimated from the trials).
/// </summary>
public sealed class EndToEndCoverageTests
{
    private const double Z = 3.89;

    [Theory]
    [InlineData(SetFamilies.Ball, 0.1, 30)]
    [InlineData(SetFamilies.Ball, 0.2, 14)]
    public void Mean_test_coverage_with_one_score_per_anchor_keeps_the_guarantee(string family, double alpha, int calibrationAnchors)
    {
        const int trials = 200;
        var given = new Dictionary<string, object>
        {
            ["set"] = family, ["alpha"] = alpha, ["calibration_unit"] = CalibrationUnits.Anchor, ["positives"] = 10L, ["negatives"] = 1L,
        };
        var options = ConformalOptions.From(ExperimentCatalog.Resolve(ConformalRuns.Experiment, new ParameterSet(given)).Resolved);
        var coverages = new double[trials];
        for (var trial = 0; trial < trials; trial++)
        {
            using var scope = NewDisposeScope();
            using var generator = new Generator((ulong)(1000 + trial));
            using var data = SimClusters.Generate(5, 16, 4.0, 1.0, generator);   // 80 held-out points
            using var calibration = new PairSampler(data, 0, calibrationAnchors, "calibration", CPU);
            using var test = new PairSampler(data, calibrationAnchors, data.Count - calibrationAnchors, "test", CPU);
            using var set = new BallSet(3);
            coverages[trial] = ConformalEvaluation.Run(set, calibration, test, options, generator).Coverage;
        }
        var mean = coverages.Average();
        var standardError = Math.Sqrt(coverages.Sum(c => (c - mean) * (c - mean)) / (trials - 1) / trials);
        Assert.InRange(mean, 1 - alpha - Z * standardError, 1 - alpha + 1.0 / (calibrationAnchors + 1) + Z * standardError);
    }
}
