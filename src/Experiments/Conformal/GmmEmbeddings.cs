using static TorchSharp.torch;

namespace ContrastiveOrleans.Experiments.Conformal;

/// <summary>
/// Stand-in for paper-1 embeddings until the InfoNCE map can be called: a K-component GMM in D = 2·dim ambient
/// dimensions with a shared anisotropic covariance, mapped to dim dimensions by a fixed oracle linear map.
/// </summary>
/// <remarks>
/// Means sit at distance separation·std from the origin along random unit directions. The shared covariance is
/// std²·Q diag(λ) Qᵀ, Q random orthogonal, λ log-spaced over [1/√κ, √κ] with κ = 10. The oracle map whitens by the
/// (known) covariance and projects on an orthonormal basis whose leading vectors span the whitened centred means —
/// the Fisher subspace that InfoNCE recovers on such data (paper 1); extra dimensions are random whitened
/// directions. Replace it by the trained paper-1 InfoNCE map once that code exists.
/// </remarks>
public static class GmmEmbeddings
{
    private const double Condition = 10;

    public static LabelledPoints Generate(int dim, int clusters, int perCluster, double separation, double std, Generator generator)
    {
        using var scope = NewDisposeScope();
        var ambient = 2 * dim;
        var f64 = ScalarType.Float64;
        var directions = randn([clusters, ambient], dtype: f64, generator: generator);
        var means = directions / directions.norm(1, keepdim: true) * (separation * std);
        var (rotation, _) = linalg.qr(randn([ambient, ambient], dtype: f64, generator: generator));
        var logScale = linspace(-0.25 * Math.Log(Condition), 0.25 * Math.Log(Condition), ambient, dtype: f64);
        var scale = logScale.exp() * std;   // square roots of the covariance eigenvalues
        var labels = arange(clusters, dtype: ScalarType.Int64).repeat_interleave(perCluster);
        var noise = randn([(long)clusters * perCluster, ambient], dtype: f64, generator: generator) * scale;
        var x = means[labels] + noise.matmul(rotation.T);

        // Whitening W = diag(1/scale) Qᵀ; whitened means then span the Fisher subspace.
        var whiten = rotation / scale;
        var whiteMeans = means.matmul(whiten);
        var centred = (whiteMeans - whiteMeans.mean([0L], keepdim: true)).T;   // [ambient, K]
        var keep = Math.Min(clusters - 1, ambient);
        var columns = cat([centred.narrow(1, 0, keep), randn([ambient, ambient], dtype: f64, generator: generator)], 1);
        var (basis, _) = linalg.qr(columns);
        var map = whiten.matmul(basis.narrow(1, 0, dim));   // [ambient, dim]

        var embedded = x.matmul(map).to(ScalarType.Float32);
        var order = randperm(embedded.shape[0], generator: generator);
        return new LabelledPoints(embedded[order].MoveToOuterDisposeScope(), labels[order].MoveToOuterDisposeScope());
    }
}
