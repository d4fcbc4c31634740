using ContrastiveOrleans.Experiments.AlphaCl;
using static TorchSharp.torch;

namespace ContrastiveOrleans.Experiments.Tests.AlphaCl;

/// <summary>
/// The α losses against a direct port, with loops, of the reference code (facebookresearch/luckmatters,
/// ssl/real-dataset/loss/nt_xent.py): <c>_process_pairwise_dist</c> (w = r^alpha_exponent, then exp(−w/τ),
/// quadratic_assignment(w, τ) or 1/(w + τ)^inverse_exponent) and the <c>dual2</c> loss
/// mean_i Σ_j w_ij/(Σ_k w_ik + ε·(2N−2)) · (cos_ij − cos_i+).
/// </summary>
public sealed class ReferencePortTests
{
    private const int Pairs = 5;
    private static readonly double[] Distances = [0.0, 0.1, 1.0];

    [Theory]
    [InlineData(AlphaLossOptions.AlphaExp, 4.0, 1.0, 1.0, 0.5, 0.0)]     // alpha_exponent = p/2 = 2
    [InlineData(AlphaLossOptions.AlphaExp, 2.0, 1.0, 1.0, 0.3, 0.1)]
    [InlineData(AlphaLossOptions.AlphaInverse, 4.0, 1.0, 1.0, 0.5, 0.1)] // the reference's defaults: exponents 1
    [InlineData(AlphaLossOptions.AlphaInverse, 4.0, 2.0, 1.5, 0.2, 0.0)]
    public void Dual2_and_the_alpha_families_equal_the_reference(string loss, double p, double power, double exponent, double tau, double eps)
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(3);
        var outputs = randn(2 * Pairs, 4, dtype: float64, generator: generator);
        using var geometry = new PairGeometry(Pairs, CPU);
        var options = new AlphaLossOptions(loss, P: p, Power: power, Temperature: tau, AlphaEps: eps, Exponent: exponent);
        var ours = ContrastiveLoss.Compute(outputs, geometry, options).item<double>();
        var e = loss == AlphaLossOptions.AlphaExp ? p / 2 : exponent;
        var reference = ReferenceDual2(TestData.Flat(nn.functional.normalize(outputs, dim: 1)), 4, r => loss == AlphaLossOptions.AlphaExp
            ? Math.Exp(-Math.Pow(r, e) / tau)
            : 1 / Math.Pow(Math.Pow(r, e) + tau, power), eps);
        Assert.Equal(reference, ours, 12);
    }

    [Fact]
    public void The_reference_quadratic_assignment_takes_its_level_one_element_too_far()
    {
        // Distances 0, 0.1, 1 at τ = 0.5. The exact minimiser of Σ α r + (τ/2)‖α‖² on the simplex has support
        // {0, 0.1} and level μ with (μ − 0) + (μ − 0.1) = τ: μ = 0.3, α = (0.6, 0.4, 0). The reference takes the level
        // as moving_avg at the first excluded element, (0 + 0.1 + 1 + 0.5)/3 = 0.5333, giving weights proportional to
        // (0.5333, 0.4333, 0): (0.5517, 0.4483, 0) after dual2 normalises them. This port keeps the exact projection.
        using var r = tensor(Distances, 1, 3);
        using var alpha = AlphaWeights.Compute(r, new AlphaLossOptions(AlphaLossOptions.AlphaQuadratic, Temperature: 0.5));
        var ours = TestData.Flat(alpha);
        Assert.Equal([0.6, 0.4, 0.0], ours.Select(a => Math.Round(a, 12)));
        double level = (0 + 0.1 + 1 + 0.5) / 3, w0 = level - 0, w1 = level - 0.1;
        Assert.NotEqual(w0 / (w0 + w1), ours[0], 3);
    }

    /// <summary>The reference's dual2 on unit rows z (2N × width, anchors then partners), w = f(r) per negative.</summary>
    private static double ReferenceDual2(double[] z, int width, Func<double, double> weight, double eps)
    {
        var n2 = 2 * Pairs;
        double Cos(int a, int b)
        {
            var s = 0.0;
            for (var t = 0; t < width; t++) s += z[(a * width) + t] * z[(b * width) + t];
            return s;
        }
        var total = 0.0;
        for (var i = 0; i < n2; i++)
        {
            var positive = Cos(i, (i + Pairs) % n2);
            var negatives = Enumerable.Range(0, n2).Where(j => j != i && j != (i + Pairs) % n2).Select(j => Cos(i, j)).ToArray();
            var w = negatives.Select(c => weight(Math.Max(0, 1 - c))).ToArray();
            var z_ = w.Sum() + (eps * w.Length);
            total += negatives.Select((c, j) => w[j] / z_ * (c - positive)).Sum();
        }
        return total / n2;
    }
}
