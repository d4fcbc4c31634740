using ContrastiveOrleans.Experiments.Gmm;
using ContrastiveOrleans.Experiments.Linear;
using static TorchSharp.torch;

namespace ContrastiveOrleans.Experiments.Tests.Gmm;

public sealed class SubspacesTests
{
    [Theory]
    [InlineData(0.0)]
    [InlineData(0.3)]
    [InlineData(1.2)]
    [InlineData(Math.PI / 2)]
    public void Distance_between_two_lines_is_the_sine_of_their_angle(double theta)
    {
        var a = tensor(new double[] { 1, 0, 0 }, 1, 3);
        var b = tensor(new[] { Math.Cos(theta), Math.Sin(theta), 0 }, 1, 3);
        Assert.Equal(Math.Abs(Math.Sin(theta)), Subspaces.Distance(a, b), 12);
    }

    [Fact]
    public void Distance_ignores_the_basis_and_extra_rows_of_the_map()
    {
        using var g = new Generator(1);
        var basis = randn(2, 6, dtype: float64, generator: g);
        var mixed = randn(2, 2, dtype: float64, generator: g).matmul(basis);
        Assert.True(Subspaces.Distance(basis, mixed) < 1e-12);
        var wider = cat([mixed, randn(2, 6, dtype: float64, generator: g)], 0);
        Assert.True(Subspaces.Distance(basis, wider) < 1e-12);
        Assert.Equal(1.0, Subspaces.Distance(basis, zeros(3, 6, dtype: float64)));
    }

    [Fact]
    public void Isotropic_optimal_fisher_criterion_is_the_between_class_trace()
    {
        // With Σ = I, J* = tr(S_B) = Σ_i π_i ‖μ_i − μ̄‖² = separation² once r ≥ k − 1.
        using var g = new Generator(6);
        using var m = GaussianMixture.Create(new GmmSpec(8, 4, 1, 2.0), g);
        var optimum = Subspaces.OptimalFisherCriterion(m.Covariance, m.BetweenScatter(), 3);
        Assert.Equal(4.0, optimum, 9);
        Assert.Equal(4.0, Subspaces.FisherCriterion(m.Means, m.Covariance, m.BetweenScatter()), 9);
    }
}
