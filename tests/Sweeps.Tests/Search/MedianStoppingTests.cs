using ContrastiveOrleans.Sweeps.Search;

namespace ContrastiveOrleans.Sweeps.Tests.Search;

public sealed class MedianStoppingTests
{
    [Fact]
    public void The_running_median_is_the_sorted_middle()
    {
        var rng = new Random(4);
        var median = new RunningMedian();
        var values = new List<double>();
        for (var i = 0; i < 501; i++)
        {
            var v = Math.Round(rng.NextDouble() * 20) / 4;
            values.Add(v);
            median.Add(v);
            var sorted = values.Order().ToList();
            var expected = sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
            Assert.Equal(expected, median.Median);
        }
    }

    /// <summary>Three completed points (minimising): at epoch 2 their values are 0.5, 0.4, 0.6 (median 0.5); at epoch 4
    /// their running averages are 0.4, 0.3, 0.525 (median 0.4). A new point is compared by its best value so far.</summary>
    [Fact]
    public void A_new_point_carries_the_medians_of_the_running_averages_of_those_completed()
    {
        var median = new MedianStoppingStrategy(6, "subspace_distance", maximize: false, seed: 0);
        var first = Enumerable.Range(0, 3).Select(_ => median.Next()!).ToList();
        Assert.All(first, u => Assert.Null(median.StopRuleFor(u)));
        double[][] curves = [[0.5, 0.3], [0.4, 0.2], [0.6, 0.45]];
        for (var i = 0; i < 3; i++)
        {
            median.Tell(new SearchOutcome(first[i].Sequence, curves[i][1], false, [new EvaluationCurve([2, 4], curves[i])]));
        }
        var next = median.Next()!;
        var rule = median.StopRuleFor(next)!;
        Assert.Equal([2L, 4L], rule.Steps);
        Assert.Equal([0.5, 0.4], rule.Medians);
        Assert.Equal(0.5, rule.Behind(2, 0.55));
        Assert.Null(rule.Behind(2, 0.45));
        Assert.Equal(0.4, rule.Behind(4, 0.41));
        Assert.Null(rule.Behind(4, 0.39));
        Assert.Null(rule.Behind(3, 0.99));
        Assert.Equal(0.2, median.Best);
    }

    [Fact]
    public void Stopped_points_never_enter_the_medians_and_fewer_than_three_completed_stop_nothing()
    {
        var median = new MedianStoppingStrategy(5, "m", maximize: true, seed: 1);
        var units = Enumerable.Range(0, 4).Select(_ => median.Next()!).ToList();
        median.Tell(new SearchOutcome(units[0].Sequence, 0.9, false, [new EvaluationCurve([1], [0.9])]));
        median.Tell(new SearchOutcome(units[1].Sequence, 0.8, false, [new EvaluationCurve([1], [0.8])]));
        median.Tell(new SearchOutcome(units[2].Sequence, null, true, [new EvaluationCurve([1], [0.1])]));
        Assert.Null(median.StopRuleFor(median.Next()!));
        Assert.Equal(0.9, median.Best);
        Assert.Contains("1 stopped", median.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void Nothing_is_stopped_before_the_grace_period()
    {
        var median = new MedianStoppingStrategy(5, "m", maximize: true, seed: 1, grace: 4);
        for (var i = 0; i < 3; i++) median.Tell(new SearchOutcome(median.Next()!.Sequence, 0.9, false, [new EvaluationCurve([2, 4, 6], [0.5, 0.7, 0.9])]));
        var rule = median.StopRuleFor(median.Next()!)!;
        Assert.Equal([4L, 6L], rule.Steps);
        Assert.Equal([0.6, 0.7], rule.Medians, new ToleranceComparer(1e-12));
    }

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(double obj) => 0;
    }

    [Fact]
    public void Every_configuration_starts_once_in_the_seeded_order()
    {
        var median = new MedianStoppingStrategy(7, "m", maximize: true, seed: 9);
        var trials = new List<int>();
        while (median.Next() is { } unit) trials.Add(unit.Trial);
        Assert.Equal(SearchStrategy.Order(7, 9), trials);
        Assert.Equal(Enumerable.Range(0, 7), trials.Order());
    }
}
