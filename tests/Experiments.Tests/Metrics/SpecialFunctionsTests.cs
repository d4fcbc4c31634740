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
}
