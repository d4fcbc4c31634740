namespace ContrastiveOrleans.Experiments.Tests.Conformal;

/// <summary>Whole runs: the calibrated threshold keeps its promise on its own calibration split; seeds decide all.</summary>
public sealed class ConformalRunTests
{
    [Theory]
    [InlineData("multi-norm", "neg+vol", 0.1, "pair")]
    [InlineData("multi-norm", "vol", 0.05, "anchor")]
    [InlineData("single-norm", "neg", 0.2, "anchor")]
    [InlineData("single-norm", "neg+vol", 0.01, "pair")]
    [InlineData("mahalanobis", "neg", 0.1, "anchor")]
    [InlineData("ball", "neg", 0.05, "pair")]
    public void Calibration_split_coverage_is_never_below_target(string set, string objective, double alpha, string unit)
    {
        var given = ConformalRuns.Small();
        given["set"] = set;
        given["objective"] = objective;
        given["alpha"] = alpha;
        given["calibration_unit"] = unit;
        for (var seed = 0; seed < 3; seed++)
        {
            var m = ConformalRuns.Run(given, seed);
            // At least k = ⌈(n+1)(1−α)⌉ of n scores are ≤ the k-th smallest, and k/n ≥ 1−α.
            Assert.True(m["calibration_coverage"] >= 1 - alpha, $"seed {seed}: {m["calibration_coverage"]} < {1 - alpha}");
            Assert.Equal(1 - alpha, m["target_coverage"], 12);
            Assert.True(double.IsFinite(m["threshold"]) && double.IsFinite(m["log_volume"]));
            Assert.InRange(m["coverage"], 0, 1);
            Assert.InRange(m["exclusion"], 0, 1);
        }
    }

    [Fact]
    public void Calibration_score_count_follows_the_unit()
    {
        // 300 points: 180 train, 60 calibration anchors, 20 positives each.
        var given = ConformalRuns.Small();
        given["set"] = "ball";
        Assert.Equal(60 * 20, ConformalRuns.Run(given, 1)["calibration_scores"]);
        given["calibration_unit"] = "anchor";
        Assert.Equal(60, ConformalRuns.Run(given, 1)["calibration_scores"]);
    }

    [Theory]
    [InlineData("multi-norm", "sim-clusters")]
    [InlineData("single-norm", "gmm-embeddings")]
    [InlineData("mahalanobis", "gmm-embeddings")]
    public void Same_seed_gives_the_same_metrics_and_another_seed_does_not(string set, string data)
    {
        var given = ConformalRuns.Small();
        given["set"] = set;
        given["data"] = data;
        if (data == "gmm-embeddings") given["dim"] = 4L;
        var first = ConformalRuns.Run(given, 42);
        var second = ConformalRuns.Run(given, 42);
        Assert.Equal(first.OrderBy(kv => kv.Key), second.OrderBy(kv => kv.Key));
        var other = ConformalRuns.Run(given, 43);
        Assert.NotEqual(first["threshold"], other["threshold"]);
    }

    [Fact]
    public void Learned_sets_with_zero_epochs_start_from_p_two()
    {
        var given = ConformalRuns.Small();
        given["epochs"] = 0L;
        Assert.Equal(2.0, ConformalRuns.Run(given, 3)["mean_p"], 6);
    }

    [Fact]
    public void Early_stopping_runs_at_most_the_epochs_is_deterministic_and_keeps_the_guarantee()
    {
        var given = ConformalRuns.Small();
        given["set"] = "single-norm";
        given["epochs"] = 12L;
        given["val_frac"] = 0.3;
        given["patience"] = 2L;
        for (var seed = 0; seed < 2; seed++)
        {
            var m = ConformalRuns.Run(given, seed);
            Assert.InRange(m["epochs_trained"], 1, 12);
            Assert.True(m["calibration_coverage"] >= 0.9);
            Assert.Equal(m, ConformalRuns.Run(given, seed));
        }
    }

    [Fact]
    public void Fixed_shapes_report_zero_training_epochs_and_learned_ones_all_epochs_without_validation()
    {
        var given = ConformalRuns.Small();
        given["set"] = "mahalanobis";
        given["val_frac"] = 0.3;
        Assert.Equal(0, ConformalRuns.Run(given, 0)["epochs_trained"]);
        given["set"] = "multi-norm";
        given["val_frac"] = 0.0;
        Assert.Equal(3, ConformalRuns.Run(given, 0)["epochs_trained"]);
    }
}
