using static TorchSharp.torch;

namespace ContrastiveOrleans.Experiments.Gmm;

/// <summary>
/// A seeded Gaussian mixture x ~ Σ_i π_i N(μ_i, Σ) with its true parameters (float64, CPU), the source of both the
/// training data and the oracle Fisher subspace the methods are measured against.
/// </summary>
public sealed class GaussianMixture : IDisposable
{
    private GaussianMixture(GmmSpec spec, Tensor means, Tensor weights, Tensor eigenvalues, Tensor rotation)
    {
        Spec = spec;
        Means = means;
        Weights = weights;
        Eigenvalues = eigenvalues;
        Rotation = rotation;
        Factor = rotation * eigenvalues.sqrt().unsqueeze(0);
        Covariance = Factor.matmul(Factor.T);
    }

    public GmmSpec Spec { get; }

    /// <summary>k×d component means, centred so that the weighted mean μ̄ is 0 (see <see cref="PlaceMeans"/>).</summary>
    public Tensor Means { get; }

    /// <summary>Mixture weights π (k).</summary>
    public Tensor Weights { get; }

    /// <summary>Eigenvalues of Σ (d), ascending from λ_min to κ·λ_min.</summary>
    public Tensor Eigenvalues { get; }

    /// <summary>Orthogonal d×d eigenbasis of Σ (columns), Haar-random.</summary>
    public Tensor Rotation { get; }

    /// <summary>L with Σ = L Lᵀ.</summary>
    public Tensor Factor { get; }

    /// <summary>Shared covariance Σ (d×d).</summary>
    public Tensor Covariance { get; }

    public static GaussianMixture Create(GmmSpec spec, Generator generator)
    {
        ArgumentNullException.ThrowIfNull(spec);
        spec.Validate();
        int d = spec.D, k = spec.K;
        Tensor means, weights, eigenvalues, rotation;
        using (NewDisposeScope())
        {
            weights = full(k, 1.0 / k, dtype: float64);
            means = PlaceMeans(k, d, spec.Separation, weights, generator);

            eigenvalues = tensor(Spectrum(spec), dtype: float64);
            var (q, r) = linalg.qr(randn(d, d, dtype: float64, generator: generator));
            // Sign fix makes Q Haar-distributed instead of biased by QR's sign convention.
            rotation = q * r.diagonal().sign().unsqueeze(0);
            means.MoveToOuterDisposeScope();
            weights.MoveToOuterDisposeScope();
            eigenvalues.MoveToOuterDisposeScope();
            rotation.MoveToOuterDisposeScope();
        }
        return new GaussianMixture(spec, means, weights, eigenvalues, rotation);
    }

    /// <summary>
    /// Geometric from 1 to κ, scaled to mean 1; the first NoiseDims entries (random directions, as the rotation is
    /// random) are then replaced by the noise variance.
    /// </summary>
    private static double[] Spectrum(GmmSpec spec)
    {
        var values = Enumerable.Range(0, spec.D)
            .Select(i => Math.Pow(spec.Condition, spec.D == 1 ? 0 : i / (spec.D - 1.0)))
            .ToArray();
        var mean = values.Average();
        for (var i = 0; i < values.Length; i++) values[i] = i < spec.NoiseDims ? spec.NoiseVariance : values[i] / mean;
        return values;
    }

    /// <summary>
    /// k ≤ d: a regular simplex in a random orientation (centred, every ‖μ_i − μ̄‖ = separation, equal pairwise
    /// distances), so no component is easier than another. k > d: centred Gaussian means scaled to RMS norm separation.
    /// </summary>
    private static Tensor PlaceMeans(int k, int d, double separation, Tensor weights, Generator generator)
    {
        if (k <= d)
        {
            var (q, _) = linalg.qr(randn(d, k, dtype: float64, generator: generator));
            var vertices = q.T - q.T.mean([0], keepdim: true);
            return vertices * (separation * Math.Sqrt(k / (k - 1.0)));
        }
        var raw = randn(k, d, dtype: float64, generator: generator);
        var centred = raw - weights.matmul(raw).unsqueeze(0);
        return centred * (separation / centred.square().sum(dim: 1).mean().sqrt());
    }

    /// <summary>Orthonormal rows spanning the modality-specific noise directions (NoiseDims×d; empty if none).</summary>
    public Tensor NoiseBasis() => Rotation[.., ..Spec.NoiseDims].T.contiguous();

    /// <summary>Draws n labelled samples: labels ~ π, x = μ_y + L ε.</summary>
    public (Tensor X, Tensor Labels) Sample(long n, Generator generator)
    {
        using var scope = NewDisposeScope();
        var labels = multinomial(Weights, n, replacement: true, generator: generator);
        var x = Draw(labels, generator);
        return (x.MoveToOuterDisposeScope(), labels.MoveToOuterDisposeScope());
    }

    /// <summary>Draws one sample per given label (e.g. the second modality of a paired draw).</summary>
    public Tensor SampleGiven(Tensor labels, Generator generator)
    {
        ArgumentNullException.ThrowIfNull(labels);
        return Draw(labels, generator);
    }

    /// <summary>Labels of partners: the same label with probability 1−δ, otherwise a fresh draw from π.</summary>
    public Tensor CoupledLabels(Tensor labels, double noise, Generator generator)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (noise is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(noise), noise, "noise: must be in [0, 1]");
        using var scope = NewDisposeScope();
        var n = labels.shape[0];
        var resampled = multinomial(Weights, n, replacement: true, generator: generator);
        var flip = rand(n, dtype: float64, generator: generator) < noise;
        return where(flip, resampled, labels).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Draws n coupled pairs (x, x⁺): x⁺ comes from x's component with probability 1−δ, otherwise from a component
    /// drawn from π (which may again be x's), so the partner's component is biased toward x's.
    /// </summary>
    public (Tensor X, Tensor Partner, Tensor Labels, Tensor PartnerLabels) SamplePairs(long n, double noise, Generator generator)
    {
        using var scope = NewDisposeScope();
        var labels = multinomial(Weights, n, replacement: true, generator: generator);
        var x = Draw(labels, generator);
        var partnerLabels = CoupledLabels(labels, noise, generator);
        var partner = Draw(partnerLabels, generator);
        return (x.MoveToOuterDisposeScope(), partner.MoveToOuterDisposeScope(), labels.MoveToOuterDisposeScope(),
            partnerLabels.MoveToOuterDisposeScope());
    }

    /// <summary>Orthonormal basis (rows, q×d with q = min(k−1, d)) of the Fisher subspace span{Σ⁻¹(μ_i − μ̄)}.</summary>
    public Tensor FisherBasis()
    {
        using var scope = NewDisposeScope();
        var directions = linalg.solve(Covariance, Means.T);  // d×k, columns Σ⁻¹(μ_i − μ̄)
        var q = Math.Min(Spec.K - 1, Spec.D);
        var (u, _, _) = linalg.svd(directions, fullMatrices: false);
        return u[.., ..q].T.contiguous().MoveToOuterDisposeScope();
    }

    /// <summary>Between-class scatter S_B = Σ_i π_i (μ_i − μ̄)(μ_i − μ̄)ᵀ of the true parameters.</summary>
    public Tensor BetweenScatter()
    {
        using var scope = NewDisposeScope();
        return (Means.T * Weights.unsqueeze(0)).matmul(Means).MoveToOuterDisposeScope();
    }

    private Tensor Draw(Tensor labels, Generator generator)
    {
        var eps = randn(labels.shape[0], Spec.D, dtype: float64, generator: generator);
        return Means.index_select(0, labels) + eps.matmul(Factor.T);
    }

    public void Dispose()
    {
        Means.Dispose();
        Weights.Dispose();
        Eigenvalues.Dispose();
        Rotation.Dispose();
        Factor.Dispose();
        Covariance.Dispose();
    }
}
