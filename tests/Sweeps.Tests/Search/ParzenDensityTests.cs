using ContrastiveOrleans.Sweeps.Search;

namespace ContrastiveOrleans.Sweeps.Tests.Search;

public sealed class ParzenDensityTests
{
    /// <summary>The evaluated density (components with a σ of their own one by one, the clipped ones binned and
    /// summed by a third-order series) against every component summed, on a dense cluster, a sparse tail, a crowd
    /// against the lower bound and a lone point near the upper, over the whole interval. The series' remainder is
    /// |He₄(u)|/24·(1/16)⁴ of a bin's term, below 2·10⁻⁵ for the terms within 3σ that carry the sum; the tolerance,
    /// 10⁻⁴ in the log (relative in the density), leaves room for the farther terms' larger share of a smaller sum.</summary>
    [Theory]
    [InlineData(10)]
    [InlineData(300)]
    [InlineData(5000)]
    [InlineData(20000)]
    public void The_binned_density_is_the_full_sum(int n)
    {
        var rng = new Random(n);
        var observations = Enumerable.Range(0, n)
            .Select(i => (i % 10) switch { 0 => rng.NextDouble() * 10, 1 => 0.02 * rng.NextDouble(), _ => 3 + (0.05 * rng.NextDouble()) })
            .Append(9.999).ToList();
        var density = new ParzenDensity(observations, 0, 10);
        var worst = 0.0;
        for (var x = 0.0; x <= 10; x += 0.001)
        {
            worst = Math.Max(worst, Math.Abs(density.LogDensityExhaustive(x) - density.LogDensity(x)));
        }
        Assert.InRange(worst, 0, 1e-4);
    }
}
