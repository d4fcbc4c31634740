namespace ContrastiveOrleans.Experiments.Tests.Conformal;

/// <summary>Bad parameters give one error line that starts with the field it blames.</summary>
public sealed class ConformalValidationTests
{
    [Fact]
    public void Defaults_are_valid() => Assert.Empty(ConformalRuns.Errors([]));

    [Theory]
    [InlineData("alpha", 0.0)]
    [InlineData("alpha", 1.0)]
    [InlineData("alpha", 1.5)]
    [InlineData("alpha", -0.1)]
    [InlineData("p_min", 0.05)]
    [InlineData("p_max", 11.0)]
    [InlineData("train_frac", 1.0)]
    [InlineData("calib_frac", 1.0)]
    [InlineData("lambda", 2.0)]
    [InlineData("val_frac", 1.0)]
    public void Out_of_range_numbers_name_their_field(string field, double value)
    {
        var errors = ConformalRuns.Errors(new() { [field] = value });
        Assert.Single(errors);
        Assert.StartsWith(field + ":", errors[0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("set", "cube", "multi-norm")]
    [InlineData("objective", "exclusion", "neg+vol")]
    [InlineData("data", "mnist", "gmm-embeddings")]
    [InlineData("calibration_unit", "batch", "anchor")]
    public void Unknown_names_list_the_allowed_values(string field, string value, string oneAllowed)
    {
        var errors = ConformalRuns.Errors(new() { [field] = value });
        Assert.Single(errors);
        Assert.StartsWith(field + ":", errors[0], StringComparison.Ordinal);
        Assert.Contains(oneAllowed, errors[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Inverted_p_bounds_blame_p_max()
    {
        var errors = ConformalRuns.Errors(new() { ["p_min"] = 3.0, ["p_max"] = 2.0 });
        Assert.StartsWith("p_max:", Assert.Single(errors), StringComparison.Ordinal);
    }

    [Fact]
    public void Sim_clusters_in_four_dimensions_blame_dim()
    {
        var errors = ConformalRuns.Errors(new() { ["dim"] = 4L });
        Assert.StartsWith("dim:", Assert.Single(errors), StringComparison.Ordinal);
        Assert.Empty(ConformalRuns.Errors(new() { ["dim"] = 4L, ["data"] = "gmm-embeddings" }));
    }

    [Fact]
    public void Too_few_calibration_scores_say_the_set_would_be_infinite()
    {
        // 100 points: 60 train, 20 calibration anchors; at alpha = 0.01 one score per anchor needs n ≥ 99.
        var given = new Dictionary<string, object>
        {
            ["points_per_cluster"] = 20L, ["alpha"] = 0.01, ["calibration_unit"] = "anchor",
        };
        var error = Assert.Single(ConformalRuns.Errors(given));
        Assert.StartsWith("calib_frac:", error, StringComparison.Ordinal);
        Assert.Contains("the set would be infinite", error, StringComparison.Ordinal);
        Assert.Contains("99", error, StringComparison.Ordinal);

        // Pooling 50 positives per anchor gives 1000 pair scores: enough.
        given["calibration_unit"] = "pair";
        Assert.Empty(ConformalRuns.Errors(given));
    }

    [Fact]
    public void Exactly_the_minimum_calibration_size_is_accepted()
    {
        // 5 · 40 = 200 points, 120 train, 40 calibration, 40 test; alpha = 0.025 needs n ≥ 39.
        var given = new Dictionary<string, object>
        {
            ["points_per_cluster"] = 40L, ["alpha"] = 0.025, ["calibration_unit"] = "anchor",
        };
        Assert.Empty(ConformalRuns.Errors(given));
        given["alpha"] = 0.024;   // needs n ≥ 40.67 → 41
        Assert.StartsWith("calib_frac:", Assert.Single(ConformalRuns.Errors(given)), StringComparison.Ordinal);
    }

    [Fact]
    public void A_validation_split_too_small_for_every_cluster_blames_val_frac()
    {
        // 300 points, 180 training: 5% is 9 validation points, fewer than 2 per cluster (10).
        var given = ConformalRuns.Small();
        given["val_frac"] = 0.05;
        Assert.StartsWith("val_frac:", Assert.Single(ConformalRuns.Errors(given)), StringComparison.Ordinal);
        given["set"] = "ball";   // fixed shapes do not hold out validation points
        Assert.Empty(ConformalRuns.Errors(given));
    }
}
