using ContrastiveOrleans.Grains.Stats;

namespace ContrastiveOrleans.Grains.Tests;

public sealed class StudentTTests
{
    [Theory]
    [InlineData(1, 12.706)]
    [InlineData(4, 2.776)]
    [InlineData(9, 2.262)]
    [InlineData(29, 2.045)]
    public void Quantile_matches_table_values(int df, double expected) =>
        Assert.Equal(expected, StudentT.Quantile(0.975, df), 3);

    [Theory]
    [InlineData(0.975)]
    [InlineData(0.9)]
    [InlineData(0.6)]
    public void Quantile_matches_closed_forms_for_one_and_two_degrees_of_freedom(double p)
    {
        // df = 1 is the Cauchy distribution; df = 2 has t = (2p − 1) / √(2p(1 − p)).
        Assert.Equal(Math.Tan(Math.PI * (p - 0.5)), StudentT.Quantile(p, 1), 9);
        Assert.Equal((2 * p - 1) / Math.Sqrt(2 * p * (1 - p)), StudentT.Quantile(p, 2), 9);
        Assert.Equal(-StudentT.Quantile(p, 5), StudentT.Quantile(1 - p, 5), 9);
    }

    [Fact]
    public void Large_df_approaches_the_normal_quantile() =>
        Assert.Equal(1.959964, StudentT.Quantile(0.975, 1e7), 5);

    [Fact]
    public void Exact_moments_match_the_two_pass_formulas()
    {
        double[] values = [2.5, -1, 4, 4, 0.25, 9];
        var stats = new ExactMoments();
        foreach (var v in values) stats.Add(v);
        var mean = values.Average();
        var variance = values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1);
        Assert.Equal(mean, stats.Mean, 12);
        Assert.Equal(variance, stats.Variance, 12);
    }
}
