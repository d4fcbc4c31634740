using ContrastiveOrleans.Experiments.Linear;
using static TorchSharp.torch;

namespace ContrastiveOrleans.Experiments.Baselines;

/// <summary>
/// Supervised LDA in closed form: the top generalized eigenvectors of S_B v = λ S_W v, with S_W the pooled
/// within-class covariance and S_B the weighted between-class scatter of the sample.
/// </summary>
public static class LinearDiscriminant
{
    /// <summary>Returns an r×d projection whose first min(r, k−1) rows span the estimated Fisher subspace.</summary>
    public static Tensor Fit(Tensor x, Tensor labels, int classes, int r)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(labels);
        using var scope = NewDisposeScope();
        var (within, between) = Scatter(x, labels, classes);
        var (_, vectors) = GeneralizedEigen.Symmetric(between, within);
        return vectors[..r].contiguous().MoveToOuterDisposeScope();
    }

    /// <summary>
    /// LDA with Ledoit–Wolf shrinkage, for features that are many and collinear (pixels): scikit-learn's
    /// <c>LinearDiscriminantAnalysis(solver="eigen", shrinkage="auto")</c>, i.e. S_W = Σ_c prior_c · shrunk cov of
    /// class c, S_B = shrunk total covariance − S_W, and the top generalized eigenvectors of S_B v = λ S_W v.
    /// </summary>
    public static Tensor FitShrunk(Tensor x, Tensor labels, int classes, int r)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(labels);
        using var scope = NewDisposeScope();
        var data = x.to_type(float64);
        var y = labels.to_type(int64);
        var n = (double)data.shape[0];
        var within = zeros(data.shape[1], data.shape[1], dtype: float64);
        for (var c = 0; c < classes; c++)
        {
            var members = nonzero(y.eq(c)).squeeze(1);
            if (members.shape[0] < 2) throw new ArgumentException($"class {c} needs at least two samples to estimate its covariance", nameof(labels));
            within += members.shape[0] / n * LedoitWolf.Covariance(data.index_select(0, members));
        }
        var between = LedoitWolf.Covariance(data) - within;
        var (_, vectors) = GeneralizedEigen.Symmetric(between, within);
        return vectors[..r].contiguous().MoveToOuterDisposeScope();
    }

    /// <summary>Pooled within-class covariance S_W and between-class scatter S_B (both d×d, float64).</summary>
    public static (Tensor Within, Tensor Between) Scatter(Tensor x, Tensor labels, int classes)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(labels);
        using var scope = NewDisposeScope();
        var data = x.to_type(float64);
        var n = data.shape[0];
        var onehot = nn.functional.one_hot(labels.to_type(int64), classes).to_type(float64);  // n×k
        var counts = onehot.sum(dim: 0);
        if ((counts < 1).any().item<bool>())
            throw new ArgumentException("every class needs at least one sample to estimate its mean", nameof(labels));
        var means = onehot.T.matmul(data) / counts.unsqueeze(1);                                // k×d
        var centred = data - onehot.matmul(means);
        var within = centred.T.matmul(centred) / (n - classes);
        var overall = data.mean([0]);
        var offsets = means - overall.unsqueeze(0);
        var between = (offsets.T * (counts / n).unsqueeze(0)).matmul(offsets);
        return (within.MoveToOuterDisposeScope(), between.MoveToOuterDisposeScope());
    }
}
