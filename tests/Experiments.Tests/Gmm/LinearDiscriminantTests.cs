using ContrastiveOrleans.Experiments.Baselines;
using ContrastiveOrleans.Experiments.Gmm;
using ContrastiveOrleans.Experiments.Linear;
using static TorchSharp.torch;

namespace ContrastiveOrleans.Experiments.Tests.Gmm;

public sealed class LinearDiscriminantTests
{
    /// <summary>
    /// A sample whose class means and pooled covariance equal the true μ_i and Σ exactly (balanced classes, each
    /// class's noise whitened and recoloured): LDA on it must return the oracle Fisher subspace up to rounding.
    /// </summary>
    [Fact]
    public void Lda_on_a_sample_with_exact_moments_recovers_the_fisher_subspace_to_rounding()
    {
        const int perClass = 200;
        using var g = new Generator(13);
        using var m = GaussianMixture.Create(new GmmSpec(10, 4, 100, 3), g);
        var labels = arange(4, dtype: int64).repeat_interleave(perClass);
        var noise = randn(4 * perClass, 10, dtype: float64, generator: g);
        // Centre per class, then map the pooled scatter (with LDA's n − k denominator) exactly onto Σ.
        var onehot = nn.functional.one_hot(labels, 4).to_type(float64);
        noise -= onehot.matmul(onehot.T.matmul(noise) / perClass);
        var pooled = noise.T.matmul(noise) / (4 * perClass - 4);
        var whiten = linalg.inv(linalg.cholesky(pooled)).T;
        var x = noise.matmul(whiten).matmul(linalg.cholesky(m.Covariance).T) + m.Means.index_select(0, labels);

        using var lda = LinearDiscriminant.Fit(x, labels, 4, 3);
        using var fisher = m.FisherBasis();
        Assert.True(Subspaces.Distance(fisher, lda) < 1e-9, $"distance {Subspaces.Distance(fisher, lda)}");
    }

    [Fact]
    public void Lda_on_a_large_sample_is_close_to_the_fisher_subspace()
    {
        using var g = new Generator(17);
        using var m = GaussianMixture.Create(new GmmSpec(10, 3, 100, 3), g);
        var (x, labels) = m.Sample(100_000, g);
        using var lda = LinearDiscriminant.Fit(x, labels, 3, 2);
        using var fisher = m.FisherBasis();
        Assert.True(Subspaces.Distance(fisher, lda) < 0.03);
    }

    [Fact]
    public void Generalized_eigenvectors_satisfy_the_defining_equation()
    {
        using var g = new Generator(4);
        var a0 = randn(6, 6, dtype: float64, generator: g);
        var b0 = randn(6, 6, dtype: float64, generator: g);
        var a = a0 + a0.T;
        var b = b0.matmul(b0.T) + eye(6, dtype: float64);
        var (values, vectors) = GeneralizedEigen.Symmetric(a, b);
        var v = vectors.T;  // columns
        var residual = a.matmul(v) - b.matmul(v) * values.unsqueeze(0);
        Assert.True(residual.abs().max().item<double>() < 1e-10);
        Assert.True((v.T.matmul(b).matmul(v) - eye(6, dtype: float64)).abs().max().item<double>() < 1e-10);
        var ev = values.data<double>().ToArray();
        Assert.Equal(ev.OrderDescending(), ev);
    }

    [Fact]
    public void Pca_finds_the_high_variance_directions_not_the_fisher_subspace_when_anisotropic()
    {
        using var g = new Generator(8);
        using var m = GaussianMixture.Create(new GmmSpec(10, 3, 100, 3), g);
        var (x, _) = m.Sample(20_000, g);
        using var pca = PrincipalComponents.Fit(x, 2);
        using var fisher = m.FisherBasis();
        Assert.True(Subspaces.Distance(fisher, pca) > 0.8);
    }
}
