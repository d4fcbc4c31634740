using ContrastiveOrleans.Sweeps.Search;

namespace ContrastiveOrleans.Sweeps.Tests.Search;

public sealed class ParzenDensityTests
{
    /// <summary>The windowed sum (narrow components near x, wide ones always) against every component summed, on a
    /// dense cluster, a sparse tail and a lone point near a bound, over the whole interval.</summary>
    [Theory]
    [InlineData(10)]
    [InlineData(300)]
    [InlineData(5000)]
    public void The_windowed_density_is_the_full_sum(int n)
    {
        var rng = new Random(n);
        var observations = Enumerable.Range(0, n).Select(i => i % 10 == 0 ? rng.NextDouble() * 10 : 3 + (0.05 * rng.NextDouble())).Append(9.999).ToList();
        var density = new ParzenDensity(observations, 0, 10);
        for (var x = 0.0; x <= 10; x += 0.01)
        {
            Assert.Equal(density.LogDensityExhaustive(x), density.LogDensity(x), 1e-9);
        }
    }
}
