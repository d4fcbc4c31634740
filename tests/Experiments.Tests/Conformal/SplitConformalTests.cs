using ContrastiveOrleans.Experiments.Conformal;

namespace ContrastiveOrleans.Experiments.Tests.Conformal;

/// <summary>The threshold rank ⌈(n+1)(1−α)⌉ on hand-computed cases.</summary>
public sealed class SplitConformalTests
{
    [Theory]
    [InlineData(9, 0.1, 9)]      // 10 · 0.9 = 9 exactly: binary rounding of 0.9 must not push it to 10
    [InlineData(19, 0.05, 19)]   // 20 · 0.95 = 19
    [InlineData(100, 0.1, 91)]   // 101 · 0.9 = 90.9
    [InlineData(4, 0.2, 4)]      // 5 · 0.8 = 4
    [InlineData(99, 0.01, 99)]   // 100 · 0.99 = 99
    [InlineData(1000, 0.05, 951)] // 1001 · 0.95 = 950.95
    public void Rank_is_the_ceiling_of_n_plus_one_times_one_minus_alpha(long n, double alpha, long expected) =>
        Assert.Equal(expected, SplitConformal.Rank(n, alpha));

    [Fact]
    public void Nine_scores_at_alpha_one_tenth_give_the_ninth_smallest()
    {
        double[] scores = [0.7, 0.1, 0.9, 0.3, 0.5, 0.2, 0.8, 0.4, 0.6];
        Assert.Equal(0.9, SplitConformal.Threshold(scores, 0.1));
    }

    [Fact]
    public void Ten_scores_at_alpha_one_fifth_give_the_ninth_smallest()
    {
        // 11 · 0.8 = 8.8 → 9th smallest of 1..10.
        double[] scores = [10, 3, 7, 1, 9, 2, 8, 4, 6, 5];
        Assert.Equal(9.0, SplitConformal.Threshold(scores, 0.2));
    }

    [Fact]
    public void Five_scores_at_alpha_one_tenth_give_an_infinite_threshold()
    {
        // 6 · 0.9 = 5.4 → rank 6 > 5 scores.
        double[] scores = [1, 2, 3, 4, 5];
        Assert.Equal(double.PositiveInfinity, SplitConformal.Threshold(scores, 0.1));
        Assert.False(SplitConformal.IsFinite(5, 0.1));
    }

    [Theory]
    [InlineData(0.1, 9)]
    [InlineData(0.05, 19)]
    [InlineData(0.2, 4)]
    [InlineData(0.01, 99)]
    [InlineData(0.3, 3)]   // 1/0.3 − 1 = 2.33: n = 3 gives 4 · 0.7 = 2.8 → 3 ≤ 3; n = 2 gives 2.1 → 3 > 2
    [InlineData(0.5, 1)]
    public void Minimum_calibration_size_is_the_first_n_at_least_one_over_alpha_minus_one(double alpha, long expected)
    {
        Assert.Equal(expected, SplitConformal.MinimumCalibrationSize(alpha));
        Assert.True(SplitConformal.IsFinite(expected, alpha));
        Assert.False(SplitConformal.IsFinite(expected - 1, alpha));
    }
}
