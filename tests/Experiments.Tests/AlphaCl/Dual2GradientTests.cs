using ContrastiveOrleans.Experiments.AlphaCl;
using static TorchSharp.torch;

namespace ContrastiveOrleans.Experiments.Tests.AlphaCl;

/// <summary>
/// Per anchor i, ∇ℓ_i^NT-Xent = (1 − p_pos,i)/τ · (∇r_pos,i − Σ_j α_ij ∇r_ij) with α the softmax of −r/τ over the
/// negatives, and the dual2 row term is r_pos,i − Σ_j α_ij r_ij with α detached (the reference's scale), so
/// ∇ℓ_i^NT-Xent = (1 − p_pos,i)/τ · ∇dual2_i exactly when p = 2 and ε = 0.
/// </summary>
public sealed class Dual2GradientTests
{
    private const double Temperature = 0.5;

    [Theory]
    [InlineData(Encoder.Linear, 11)]
    [InlineData(Encoder.DeepLinear, 12)]
    [InlineData(Encoder.Relu2, 13)]
    public void Ntxent_gradient_is_the_dual2_gradient_reweighted_per_anchor_by_one_minus_p_pos(string kind, int seed)
    {
        using var scope = NewDisposeScope();
        var (encoder, rows, geometry) = Setup(kind, seed, pairs: 6);
        using (encoder)
        using (geometry)
        {
            var ntxent = new AlphaLossOptions(AlphaLossOptions.NtXent, Temperature: Temperature);
            var dual2 = new AlphaLossOptions(AlphaLossOptions.AlphaExp, P: 2, Temperature: Temperature, AlphaEps: 0);

            // p_pos,i from the normalised outputs by loops: softmax of cos/τ over the positive and the 2N−2 negatives.
            var z = Flat(nn.functional.normalize(encoder.Forward(rows), dim: 1));
            var n2 = (int)geometry.Rows;
            var width = z.Length / n2;
            var factor = new double[n2];
            for (var i = 0; i < n2; i++)
            {
                var partner = (i + n2 / 2) % n2;
                double numerator = 0, denominator = 0;
                for (var j = 0; j < n2; j++)
                {
                    if (j == i) continue;
                    var cos = 0.0;
                    for (var t = 0; t < width; t++) cos += z[i * width + t] * z[j * width + t];
                    var e = Math.Exp(cos / Temperature);
                    denominator += e;
                    if (j == partner) numerator = e;
                }
                factor[i] = (1 - numerator / denominator) / Temperature;
            }

            var expected = Gradient(encoder, () => (ContrastiveLoss.RowTerms(encoder.Forward(rows), geometry, dual2)
                * tensor(factor, dtype: float64)).sum());
            var actual = Gradient(encoder, () => ContrastiveLoss.RowTerms(encoder.Forward(rows), geometry, ntxent).sum());
            for (var i = 0; i < expected.Length; i++) Assert.Equal(expected[i], actual[i], 1e-10);
        }
    }

    /// <summary>
    /// The per-anchor factors differ only through p_pos,i, which is small and even with 2N−2 = 126 negatives, so
    /// the batch directions agree closely (PAPERS.md: ≈ 0.9998); with a handful of negatives they would not.
    /// </summary>
    [Fact]
    public void Batch_gradients_of_ntxent_and_dual2_with_p_2_point_the_same_way()
    {
        using var scope = NewDisposeScope();
        for (var seed = 21; seed < 26; seed++)
        {
            var (encoder, rows, geometry) = Setup(Encoder.DeepLinear, seed, pairs: 64);
            using (encoder)
            using (geometry)
            {
                var ntxent = Gradient(encoder, () => ContrastiveLoss.Compute(encoder.Forward(rows), geometry,
                    new AlphaLossOptions(AlphaLossOptions.NtXent, Temperature: Temperature)));
                var dual2 = Gradient(encoder, () => ContrastiveLoss.Compute(encoder.Forward(rows), geometry,
                    new AlphaLossOptions(AlphaLossOptions.AlphaExp, P: 2, Temperature: Temperature)));
                Assert.True(TestData.Cosine(ntxent, dual2) > 0.999, $"seed {seed}: cosine {TestData.Cosine(ntxent, dual2)}");
            }
        }
    }

    private static (Encoder Encoder, Tensor Rows, PairGeometry Geometry) Setup(string kind, int seed, int pairs)
    {
        using var generator = new Generator((ulong)seed);
        const int d = 5;
        var encoder = Encoder.Create(kind, d, depth: 2, width: 4, generator, CPU, float64);
        var rows = randn(2 * pairs, d, dtype: float64, generator: generator);
        return (encoder, rows, new PairGeometry(pairs, CPU));
    }

    private static double[] Gradient(Encoder encoder, Func<Tensor> loss)
    {
        foreach (var layer in encoder.Layers) layer.grad?.zero_();
        using var value = loss();
        value.backward();
        return [.. encoder.Layers.SelectMany(l => Flat(l.grad!))];
    }

    private static double[] Flat(Tensor t) => TestData.Flat(t);
}
