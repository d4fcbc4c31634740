using ContrastiveOrleans.Experiments.AlphaCl;
using static TorchSharp.torch;

namespace ContrastiveOrleans.Experiments.Tests.AlphaCl;

public sealed class AlphaWeightsTests
{
    private static readonly double[] R = [0.1, 0.5, 1.2, 1.9, 0.3, 0.0];
    private static readonly double[] QuadraticExpected = [0.25, 0, 0, 0, 0, 0.75];

    [Fact]
    public void Exp_with_p_2_is_the_softmax_of_minus_r_over_tau()
    {
        const double tau = 0.3;
        var w = R.Select(r => Math.Exp(-r / tau)).ToArray();
        var expected = w.Select(x => x / w.Sum()).ToArray();
        Assert.Equal(expected, Weights(new AlphaLossOptions(AlphaLossOptions.AlphaExp, P: 2, Temperature: tau)), Close);
        Assert.Equal(expected, Weights(new AlphaLossOptions(AlphaLossOptions.NtXent, P: 7, Temperature: tau)), Close);
    }

    [Fact]
    public void Exp_with_p_4_and_eps_uses_r_squared_and_the_slack_term()
    {
        // w = exp(−r²/τ), α = w/(Σw + ε·n) with n = 6 negatives in the row.
        const double tau = 0.2, eps = 0.05;
        var w = R.Select(r => Math.Exp(-r * r / tau)).ToArray();
        var expected = w.Select(x => x / (w.Sum() + eps * R.Length)).ToArray();
        Assert.Equal(expected, Weights(new AlphaLossOptions(AlphaLossOptions.AlphaExp, P: 4, Temperature: tau, AlphaEps: eps)), Close);
    }

    [Fact]
    public void Inverse_weights_are_one_over_r_plus_tau_to_the_power()
    {
        const double tau = 0.1, q = 3, eps = 0.2;
        var w = R.Select(r => 1 / Math.Pow(r + tau, q)).ToArray();
        var expected = w.Select(x => x / (w.Sum() + eps * R.Length)).ToArray();
        Assert.Equal(expected, Weights(new AlphaLossOptions(AlphaLossOptions.AlphaInverse, Power: q, Temperature: tau, AlphaEps: eps)), Close);
    }

    [Fact]
    public void Quadratic_weights_sum_to_one_and_are_sparse()
    {
        var alpha = Weights(new AlphaLossOptions(AlphaLossOptions.AlphaQuadratic, Temperature: 0.2));
        Assert.Equal(1.0, alpha.Sum(), 12);
        Assert.All(alpha, a => Assert.True(a >= 0));
        // With support {r = 0, r = 0.1}: (μ − 0) + (μ − 0.1) = τ = 0.2 gives μ = 0.15, below the next r = 0.3, so
        // α = (0.15/0.2, 0.05/0.2) = (0.75, 0.25) on those two and 0 elsewhere.
        Assert.Equal(QuadraticExpected, alpha, Close);
    }

    private static bool Close(double a, double b) => Math.Abs(a - b) < 1e-12;

    private static double[] Weights(AlphaLossOptions options)
    {
        using var r = tensor(R, 1, R.Length);
        using var alpha = AlphaWeights.Compute(r, options);
        return TestData.Flat(alpha);
    }
}
