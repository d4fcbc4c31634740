using ContrastiveOrleans.Experiments.AlphaCl;
using static TorchSharp.torch;

namespace ContrastiveOrleans.Experiments.Tests.AlphaCl;

public sealed class WaterFillingTests
{
    private static readonly double[] HandCase = [0.0, 0.1, 1.0];
    private static readonly double[] HardestCase = [0.7, 0.2, 0.9, 0.25];
    private static readonly double[] HardestOnly = [0.0, 1.0, 0.0, 0.0];

    [Fact]
    public void Hand_case_gives_the_water_level_solution()
    {
        // r = (0, 0.1, 1), τ = 0.5: with support {1, 2}, μ solves (μ − 0) + (μ − 0.1) = τ, so μ = 0.3 and
        // α = (0.3/0.5, 0.2/0.5, 0) = (0.6, 0.4, 0); the third negative lies above the water level (1 > 0.3).
        using var r = tensor(HandCase, 1, 3);
        using var alpha = WaterFilling.Weights(r, 0.5);
        var a = TestData.Flat(alpha);
        Assert.Equal(0.6, a[0], 12);
        Assert.Equal(0.4, a[1], 12);
        Assert.Equal(0.0, a[2], 12);
    }

    [Fact]
    public void Projection_matches_brute_force_over_all_supports()
    {
        using var generator = new Generator(7);
        const int rows = 40, n = 6;
        using var v = randn(rows, n, dtype: float64, generator: generator) * 2;
        using var projected = WaterFilling.ProjectRows(v);
        var vs = TestData.Flat(v);
        var ps = TestData.Flat(projected);
        for (var i = 0; i < rows; i++)
        {
            var row = vs.AsSpan(i * n, n).ToArray();
            var expected = BruteForce(row);
            var sum = 0.0;
            for (var j = 0; j < n; j++)
            {
                Assert.True(ps[i * n + j] >= 0, $"row {i}: negative weight {ps[i * n + j]}");
                Assert.Equal(expected[j], ps[i * n + j], 10);
                sum += ps[i * n + j];
            }
            Assert.Equal(1.0, sum, 12);
        }
    }

    [Fact]
    public void Small_temperature_puts_all_weight_on_the_hardest_negative()
    {
        // τ → 0: the quadratic term vanishes and the linear program picks the closest negative alone.
        using var r = tensor(HardestCase, 1, 4);
        using var alpha = WaterFilling.Weights(r, 1e-3);
        Assert.Equal(HardestOnly, TestData.Flat(alpha).Select(x => Math.Round(x, 12)));
    }

    /// <summary>
    /// argmin_{α∈Δ} ‖α − v‖² by enumerating supports S: on S the equality-constrained minimiser is α_S = v_S − θ with
    /// θ = (Σ_S v − 1)/|S|; keep the feasible (α_S ≥ 0) candidate of least objective.
    /// </summary>
    private static double[] BruteForce(double[] v)
    {
        var n = v.Length;
        double[] best = [];
        var bestValue = double.PositiveInfinity;
        for (var mask = 1; mask < 1 << n; mask++)
        {
            var members = Enumerable.Range(0, n).Where(j => (mask & (1 << j)) != 0).ToArray();
            var theta = (members.Sum(j => v[j]) - 1) / members.Length;
            var candidate = new double[n];
            foreach (var j in members) candidate[j] = v[j] - theta;
            if (candidate.Any(x => x < -1e-15)) continue;
            var value = candidate.Select((x, j) => (x - v[j]) * (x - v[j])).Sum();
            if (value < bestValue)
            {
                bestValue = value;
                best = candidate;
            }
        }
        return best;
    }
}
