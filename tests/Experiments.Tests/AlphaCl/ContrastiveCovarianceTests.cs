using ContrastiveOrleans.Experiments.AlphaCl;
using static TorchSharp.torch;

namespace ContrastiveOrleans.Experiments.Tests.AlphaCl;

public sealed class ContrastiveCovarianceTests
{
    private static readonly double[] Line = [0.0, 1.0, 0.0, 3.0];

    [Theory]
    [InlineData(3, 5, 3, 1)]
    [InlineData(5, 4, 2, 2)]
    [InlineData(8, 7, 7, 3)]
    public void Half_trace_of_W_C_Wt_equals_the_pairwise_energy(int pairs, int d, int width, int seed)
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator((ulong)seed);
        using var geometry = new PairGeometry(pairs, CPU);
        var rows = 2 * pairs;
        var x = randn(rows, d, dtype: float64, generator: generator);
        var alpha = rand(rows, rows - 2, dtype: float64, generator: generator);
        var w = randn(width, d, dtype: float64, generator: generator);

        var c = ContrastiveCovariance.Build(x, geometry, alpha);
        var quadratic = 0.5 * w.matmul(c).matmul(w.T).trace().item<double>();
        var outputs = x.matmul(w.T);
        var direct = TestData.EnergyByLoops(TestData.Flat(outputs), rows, width, TestData.Flat(alpha));
        Assert.Equal(direct, quadratic, 1e-9);
        Assert.Equal(direct, ContrastiveCovariance.Energy(outputs, ContrastiveCovariance.PairOperator(geometry, alpha)).item<double>(), 1e-9);
    }

    [Fact]
    public void Positive_pairs_enter_with_a_minus_sign()
    {
        // Two pairs in 1-D (rows 0,1 anchors; 2,3 their partners), x = (0, 1, 0, 3), α = 1 on each row's two
        // negatives. Negative terms: row 0 (to rows 1, 3) 1 + 9, row 1 (to 0, 2) 1 + 1, row 2 (to 1, 3) 1 + 9,
        // row 3 (to 0, 2) 9 + 9: 40. Positive terms weighted by Σ_j α_ij = 2: rows 0, 2 give 0, rows 1, 3 give
        // 2·(1 − 3)² = 8 each: 16. With positives subtracted C = 40 − 16 = 24 (with them added it would be 56).
        using var geometry = new PairGeometry(2, CPU);
        using var x = tensor(Line, 4, 1);
        using var alpha = ones(4, 2 * 2 - 2, dtype: float64);
        using var c = ContrastiveCovariance.Build(x, geometry, alpha);
        Assert.Equal(24.0, c.item<double>(), 12);
    }
}
