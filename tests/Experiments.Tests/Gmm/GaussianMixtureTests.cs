using ContrastiveOrleans.Experiments.Gmm;
using ContrastiveOrleans.Experiments.Linear;
using static TorchSharp.torch;

namespace ContrastiveOrleans.Experiments.Tests.Gmm;

public sealed class GaussianMixtureTests
{
    [Fact]
    public void Covariance_has_the_requested_condition_number_and_unit_mean_variance()
    {
        using var g = new Generator(7);
        using var m = GaussianMixture.Create(new GmmSpec(12, 4, 250, 3), g);
        var eig = linalg.eigvalsh(m.Covariance).data<double>().ToArray();
        Assert.Equal(250, eig.Max() / eig.Min(), 6);
        Assert.Equal(1.0, eig.Average(), 10);
    }

    [Fact]
    public void Means_are_centred_and_at_the_requested_separation()
    {
        using var g = new Generator(3);
        using var m = GaussianMixture.Create(new GmmSpec(8, 5, 10, 2.5), g);
        var means = m.Means.data<double>().ToArray();
        for (var j = 0; j < 8; j++) Assert.Equal(0.0, Enumerable.Range(0, 5).Sum(i => means[i * 8 + j]), 10);
        for (var i = 0; i < 5; i++) Assert.Equal(2.5, Math.Sqrt(Enumerable.Range(0, 8).Sum(j => means[i * 8 + j] * means[i * 8 + j])), 10);
    }

    [Fact]
    public void Isotropic_fisher_subspace_is_the_span_of_the_means()
    {
        // Σ ∝ I ⇒ Σ⁻¹(μ_i − μ̄) ∝ μ_i − μ̄: the Fisher subspace is the means' span.
        using var g = new Generator(11);
        using var m = GaussianMixture.Create(new GmmSpec(10, 4, 1, 3), g);
        using var fisher = m.FisherBasis();
        Assert.Equal(3, fisher.shape[0]);
        Assert.True(Subspaces.Distance(fisher, m.Means) < 1e-10);
    }

    [Fact]
    public void Fisher_subspace_matches_the_inverse_covariance_from_the_eigendecomposition()
    {
        using var g = new Generator(5);
        using var m = GaussianMixture.Create(new GmmSpec(9, 3, 100, 3), g);
        // Σ⁻¹ = Q diag(1/λ) Qᵀ, computed without the solver the code under test uses.
        var inverse = (m.Rotation * (1.0 / m.Eigenvalues).unsqueeze(0)).matmul(m.Rotation.T);
        var directions = m.Means.matmul(inverse);
        using var fisher = m.FisherBasis();
        Assert.True(Subspaces.Distance(fisher, directions) < 1e-10);
        // An anisotropic Σ in a random rotation moves the Fisher subspace away from the means' span.
        Assert.True(Subspaces.Distance(fisher, m.Means) > 0.3);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.3)]
    [InlineData(1.0)]
    public void Partner_shares_the_component_with_probability_one_minus_delta_plus_delta_over_k(double delta)
    {
        const int k = 4, n = 100_000;
        using var g = new Generator(21);
        using var m = GaussianMixture.Create(new GmmSpec(6, k, 10, 3), g);
        var (_, _, labels, partnerLabels) = m.SamplePairs(n, delta, g);
        var same = labels.eq(partnerLabels).to_type(float64).mean().item<double>();
        var expected = 1 - delta + delta / k;
        var sigma = Math.Sqrt(expected * (1 - expected) / n);
        Assert.InRange(same, expected - 5 * sigma - 1e-12, expected + 5 * sigma + 1e-12);
    }

    [Fact]
    public void Samples_have_the_mixture_moments()
    {
        using var g = new Generator(2);
        using var m = GaussianMixture.Create(new GmmSpec(5, 3, 20, 2), g);
        var (x, labels) = m.Sample(200_000, g);
        var within = x - m.Means.index_select(0, labels);
        var empirical = within.T.matmul(within) / x.shape[0];
        var relative = (linalg.matrix_norm(empirical - m.Covariance) / linalg.matrix_norm(m.Covariance)).item<double>();
        Assert.True(relative < 0.02, $"relative covariance error {relative}");
    }

    [Fact]
    public void Same_seed_gives_the_same_data()
    {
        Tensor Draw()
        {
            using var g = new Generator(99);
            using var m = GaussianMixture.Create(new GmmSpec(7, 3, 50, 3), g);
            return m.SamplePairs(100, 0.2, g).Partner;
        }
        Assert.Equal(Draw().data<double>().ToArray(), Draw().data<double>().ToArray());
    }
}
