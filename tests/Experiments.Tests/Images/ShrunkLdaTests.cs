using ContrastiveOrleans.Experiments.Baselines;
using ContrastiveOrleans.Experiments.Gmm;
using ContrastiveOrleans.Experiments.Linear;
using static TorchSharp.torch;

namespace ContrastiveOrleans.Experiments.Tests.Images;

/// <summary>Ledoit–Wolf shrinkage from its published formula, computed here with plain loops, and shrunk LDA against
/// the true Fisher subspace.</summary>
public sealed class ShrunkLdaTests
{
    [Fact]
    public void The_shrinkage_coefficient_follows_the_ledoit_wolf_formula()
    {
        double[,] rows = { { 1, 2, 0 }, { 3, 1, 1 }, { 0, 0, 2 }, { 4, 5, 1 }, { 2, 2, 2 } };
        int n = rows.GetLength(0), d = rows.GetLength(1);
        var x = new double[n, d];
        for (var j = 0; j < d; j++)
        {
            var mean = Enumerable.Range(0, n).Average(i => rows[i, j]);
            for (var i = 0; i < n; i++) x[i, j] = rows[i, j] - mean;
        }
        // S = XᵀX/n; μ = tr S / d; δ = ‖S − μI‖²/d; β = min(δ, (1/(d n²)) Σ_i ‖x_i x_iᵀ − S‖²); shrinkage = β/δ
        // (Ledoit & Wolf 2004, the form scikit-learn computes).
        var s = new double[d, d];
        for (var a = 0; a < d; a++) for (var b = 0; b < d; b++) for (var i = 0; i < n; i++) s[a, b] += x[i, a] * x[i, b] / n;
        var mu = Enumerable.Range(0, d).Sum(a => s[a, a]) / d;
        double delta = 0, beta = 0;
        for (var a = 0; a < d; a++) for (var b = 0; b < d; b++) delta += Math.Pow(s[a, b] - (a == b ? mu : 0), 2) / d;
        for (var i = 0; i < n; i++) for (var a = 0; a < d; a++) for (var b = 0; b < d; b++) beta += Math.Pow((x[i, a] * x[i, b]) - s[a, b], 2);
        beta = Math.Min(delta, beta / (d * (double)n * n));
        using var scope = NewDisposeScope();
        var t = tensor(rows.Cast<double>().ToArray(), [n, d]);
        Assert.Equal(beta / delta, LedoitWolf.Shrinkage(t), 12);
    }

    [Fact]
    public void Shrunk_lda_finds_the_fisher_subspace_of_an_anisotropic_mixture()
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(5);
        using var mixture = GaussianMixture.Create(new GmmSpec(10, 3, 100, 3), generator);
        var (x, labels) = mixture.Sample(20_000, generator);
        var shrunk = LinearDiscriminant.FitShrunk(x, labels, 3, 2);
        // With n ≫ d the shrinkage is small and the estimate is as good as plain LDA's (both near the truth).
        var distance = Subspaces.Distance(mixture.FisherBasis(), shrunk);
        Assert.True(distance < 0.1, $"distance {distance}");
    }
}
