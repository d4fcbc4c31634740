using ContrastiveOrleans.Experiments.AlphaCl;
using ContrastiveOrleans.Experiments.Gmm;
using static TorchSharp.torch;

namespace ContrastiveOrleans.Experiments.Tests.AlphaCl;

/// <summary>
/// With α frozen, a norm-constrained deep linear network maximising E_α = ½ tr(W C_α Wᵀ) should end at the global
/// optimum: a rank-one W whose row space is C_α's top eigenvector, with E_α = ½ λ_max(C_α).
/// </summary>
public sealed class FixedAlphaTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Deep_linear_max_player_converges_to_rank_one_PCA_of_C_alpha(int depth)
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(31);
        using var mixture = GaussianMixture.Create(new GmmSpec(8, 3, 10, 3), generator);
        var (x, partner, _, _) = mixture.SamplePairs(32, 0.0, generator);
        using var encoder = Encoder.Create(Encoder.DeepLinear, 8, depth, width: 4, generator, CPU, float64);
        var loss = new AlphaLossOptions(AlphaLossOptions.AlphaExp, P: 4, Temperature: 0.5);

        FixedAlphaAnalysis.Run(encoder, x, partner, loss, batch: 32, steps: 1500, learningRate: 0.01, null, TestContext.Current.CancellationToken);

        // Reference C_α: α from an identically seeded fresh encoder (the analysis derived its α from the initial
        // weights, which training has since overwritten), C_α from the definition checked in ContrastiveCovarianceTests.
        using var again = new Generator(31);
        using var mixture2 = GaussianMixture.Create(new GmmSpec(8, 3, 10, 3), again);
        _ = mixture2.SamplePairs(32, 0.0, again);
        using var initial = Encoder.Create(Encoder.DeepLinear, 8, depth, width: 4, again, CPU, float64);
        using var geometry = new PairGeometry(32, CPU);
        var rows = cat([x, partner]);
        var (_, negatives) = geometry.Cosines(nn.functional.normalize(initial.Forward(rows), dim: 1));
        var alpha = AlphaWeights.Compute(1 - negatives, loss);
        var c = ContrastiveCovariance.Build(rows, geometry, alpha);

        var (values, vectors) = linalg.eigh(c);
        var top = vectors[.., -1];
        var map = encoder.EndToEndMap()!;
        var (_, s, vh) = linalg.svd(map, fullMatrices: false);
        var cos = Math.Abs(vh[0].dot(top).item<double>());
        var sv = TestData.Flat(s);
        Assert.True(cos >= 0.99, $"depth {depth}: |cos| = {cos}");
        Assert.True(sv[1] / sv[0] < 0.01, $"depth {depth}: σ₂/σ₁ = {sv[1] / sv[0]}");

        // E_α at the end reaches the constrained maximum ½ λ_max (‖W‖_F ≤ Π‖W_l‖_F = 1).
        var lambda = values[-1].item<double>();
        var energy = 0.5 * map.matmul(c).matmul(map.T).trace().item<double>();
        Assert.True(lambda > 0, "the test batch should have a positive top eigenvalue");
        Assert.InRange(energy / (0.5 * lambda), 0.99, 1.0 + 1e-9);
    }
}
