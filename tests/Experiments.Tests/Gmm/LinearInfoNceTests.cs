using ContrastiveOrleans.Experiments.Training;
using static TorchSharp.torch;

namespace ContrastiveOrleans.Experiments.Tests.Gmm;

public sealed class LinearInfoNceTests
{
    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public void Gradient_matches_central_finite_differences(bool normalize, bool symmetric)
    {
        using var g = new Generator(31);
        var xb = randn(6, 4, dtype: float64, generator: g);
        var pb = randn(6, 4, dtype: float64, generator: g);
        var start = randn(3, 4, dtype: float64, generator: g);
        var target = arange(6, dtype: int64);
        var options = new InfoNceOptions(3, 1, 6, 0.1, Temperature: 0.7, Normalize: normalize, Symmetric: symmetric);

        var map = start.clone().requires_grad_(true);
        LinearInfoNce.Loss(xb, pb, map, target, options).backward();
        var analytic = map.grad!.data<double>().ToArray();

        const double h = 1e-6;
        var values = start.data<double>().ToArray();
        for (var i = 0; i < values.Length; i++)
        {
            double LossAt(double delta)
            {
                var shifted = (double[])values.Clone();
                shifted[i] += delta;
                using var noGrad = no_grad();
                return LinearInfoNce.Loss(xb, pb, tensor(shifted, 3, 4), target, options).item<double>();
            }
            var numeric = (LossAt(h) - LossAt(-h)) / (2 * h);
            Assert.True(Math.Abs(numeric - analytic[i]) < 1e-7 * Math.Max(1, Math.Abs(numeric)),
                $"entry {i}: numeric {numeric}, analytic {analytic[i]}");
        }
    }

    [Fact]
    public void Loss_of_a_batch_matches_the_formula_computed_by_hand()
    {
        // Two pairs in one dimension, A = [1]: logits s_bc = x_b x⁺_c / τ, loss = mean_b (logsumexp_c s_bc − s_bb).
        var xb = tensor(new double[] { 1, -2 }, 2, 1);
        var pb = tensor(new double[] { 0.5, 1 }, 2, 1);
        var options = new InfoNceOptions(1, 1, 2, 0.1, Temperature: 2);
        var loss = LinearInfoNce.Loss(xb, pb, ones(1, 1, dtype: float64), arange(2, dtype: int64), options).item<double>();
        double[,] s = { { 0.25, 0.5 }, { -0.5, -1 } };
        var expected = (Math.Log(Math.Exp(s[0, 0]) + Math.Exp(s[0, 1])) - s[0, 0]
            + Math.Log(Math.Exp(s[1, 0]) + Math.Exp(s[1, 1])) - s[1, 1]) / 2;
        Assert.Equal(expected, loss, 12);
    }
}
