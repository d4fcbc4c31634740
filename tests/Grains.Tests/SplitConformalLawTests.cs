using ContrastiveOrleans.Grains.Stats;

namespace ContrastiveOrleans.Grains.Tests;

/// <summary>The split-conformal law's band against distributions computed by hand.</summary>
public sealed class SplitConformalLawTests
{
    [Fact]
    public void One_calibration_score_at_rank_1_makes_coverage_uniform_so_the_count_is_uniform()
    {
        // n = 1, k = 1: coverage ~ Beta(1, 1) = U(0, 1), so of m = 99 test anchors X is uniform on 0..99:
        // P(X ≤ x) = (x+1)/100 first exceeds 0.025 at x = 2, P(X ≥ x) = (100−x)/100 last exceeds it at x = 97.
        var law = new SplitConformalLaw();
        law.Add(1, 1, 99, 50);
        Assert.Equal((2L, 97L, true), law.Band());
    }

    [Fact]
    public void Two_points_convolve_the_sum_of_two_uniforms_is_triangular()
    {
        // S = X1 + X2, each uniform on 0..99: P(S ≤ s) = (s+1)(s+2)/20000 for s ≤ 99, first above 0.025 at s = 21
        // (22·23 = 506 > 500, 21·22 = 462); by symmetry the top is 198 − 21.
        var law = new SplitConformalLaw();
        law.Add(1, 1, 99, 10);
        law.Add(1, 1, 99, 90);
        Assert.Equal((21L, 177L, true), law.Band());
        Assert.Equal((2L, 198L, 100L), (law.Points, law.Anchors, law.Covered));
    }

    [Fact]
    public void One_anchor_per_point_is_bernoulli_at_the_mean_coverage()
    {
        // n = 9, α = 0.1: k = 9, coverage ~ Beta(9, 1) with mean 0.9; one anchor each, two points: Binomial(2, 0.9),
        // P = 0.01, 0.18, 0.81: the band is [1, 2].
        var law = new SplitConformalLaw();
        law.Add(9, 9, 1, 1);
        law.Add(9, 9, 1, 1);
        Assert.Equal((1L, 2L, true), law.Band());
    }

    [Fact]
    public void A_rank_past_the_scores_covers_everything()
    {
        var law = new SplitConformalLaw();
        law.Add(5, 6, 40, 40);
        Assert.Equal((40L, 40L, true), law.Band());
    }

    [Fact]
    public void Many_points_use_the_normal_law_with_the_exact_mean_and_variance()
    {
        // n = 99, k = 90: a = 90, b = 10; m = 1000 anchors per point. BetaBinomial mean m·a/(a+b) = 900,
        // variance m·a·b·(a+b+m)/((a+b)²(a+b+1)) = 1000·900·1100/(10^4·101) = 98.0198...; over 50,000 points the
        // standard deviation is √(50,000 · 98.0198) = 2213.8, past the exact convolution's support.
        var law = new SplitConformalLaw();
        for (var i = 0; i < 50_000; i++) law.Add(99, 90, 1000, 900);
        var (low, high, exact) = law.Band();
        var sd = Math.Sqrt(50_000 * (1000.0 * 900 * 1100 / (1e4 * 101)));
        Assert.False(exact);
        Assert.InRange(low, 45_000_000 - (1.959964 * sd) - 1, 45_000_000 - (1.959964 * sd) + 1);
        Assert.InRange(high, 45_000_000 + (1.959964 * sd) - 1, 45_000_000 + (1.959964 * sd) + 1);
    }

    [Fact]
    public void The_exact_band_of_a_thousand_points_agrees_with_the_normal_law_to_a_few_counts()
    {
        // Same shapes, 1,000 points: exact convolution (sd 313), where the CLT is already close.
        var law = new SplitConformalLaw();
        for (var i = 0; i < 1000; i++) law.Add(99, 90, 1000, 900);
        var (low, high, exact) = law.Band();
        var sd = Math.Sqrt(1000 * (1000.0 * 900 * 1100 / (1e4 * 101)));
        Assert.True(exact);
        Assert.InRange(low, 900_000 - (1.959964 * sd) - 8, 900_000 - (1.959964 * sd) + 8);
        Assert.InRange(high, 900_000 + (1.959964 * sd) - 8, 900_000 + (1.959964 * sd) + 8);
    }
}
