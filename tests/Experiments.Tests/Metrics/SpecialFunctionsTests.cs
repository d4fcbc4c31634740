using ContrastiveOrleans.Experiments.Metrics;

namespace ContrastiveOrleans.Experiments.Tests.Metrics;

public sealed class SpecialFunctionsTests
{
    [Theory]
    [InlineData(1.0, 0.0)]
    [InlineData(2.0, 0.0)]
    [InlineData(10.0, 12.801827480081469)] // ln 9! = ln 362880
    [InlineData(0.5, 0.5723649429247001)] // ln √π
    [InlineData(0.1, 2.252712651734206)] // ln Γ(0.1) = ln 9.513507698668732 (reflection branch)
    [InlineData(100.5, 361.4355404677776)] // Stirling's series to 1/x⁵: (x − ½) ln x − x + ½ ln 2π + 1/12x − 1/360x³
    public void Log_gamma_matches_known_values(double x, double expected) =>
        Assert.Equal(expected, SpecialFunctions.LogGamma(x), 1e-12 * Math.Max(1, Math.Abs(expected)));

    [Fact]
    public void Log_gamma_refuses_non_positive_arguments() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => SpecialFunctions.LogGamma(0));

    [Theory]
    // erfc from its series to 16 digits (Abramowitz and Stegun table 7.1; erfc(−x) = 2 − erfc(x)).
    [InlineData(0.0, 1.0)]
    [InlineData(0.5, 0.4795001221869535)]
    [InlineData(1.0, 0.15729920705028513)]
    [InlineData(2.0, 0.004677734981047266)]
    [InlineData(3.0, 2.209049699858544e-05)]
    [InlineData(-1.0, 1.8427007929497148)]
    public void Erfc_matches_known_values_to_its_stated_accuracy(double x, double expected) =>
        Assert.Equal(expected, SpecialFunctions.Erfc(x), 1.2e-7 * expected);

    [Fact]
    public void The_normal_distribution_function_is_symmetric_with_known_quantiles()
    {
        Assert.Equal(0.5, SpecialFunctions.NormalCdf(0), 1e-7);
        Assert.Equal(0.975, SpecialFunctions.NormalCdf(1.959963984540054), 1e-7);
        Assert.Equal(1, SpecialFunctions.NormalCdf(1.3) + SpecialFunctions.NormalCdf(-1.3), 1e-7);
    }
}
