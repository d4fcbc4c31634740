using static TorchSharp.torch;

namespace ContrastiveOrleans.Experiments.Baselines;

/// <summary>
/// Ledoit–Wolf shrinkage of a covariance towards a multiple of the identity, as scikit-learn's
/// <c>covariance.ledoit_wolf</c> computes it (the shrinkage that minimises the expected Frobenius error), and its
/// <c>discriminant_analysis._cov(X, shrinkage="auto")</c> form that shrinks the correlation (standardised features) and
/// scales back, so that features of very different variance are shrunk alike.
/// </summary>
public static class LedoitWolf
{
    /// <summary>The shrinkage coefficient in [0, 1] for the rows of <paramref name="x"/> (n × d), centred here.</summary>
    public static double Shrinkage(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        using var scope = NewDisposeScope();
        var data = x.to_type(float64);
        data -= data.mean([0], keepdim: true);
        double n = data.shape[0], d = data.shape[1];
        var squares = data.square();
        var trace = squares.sum([0]) / n;                    // diagonal of the empirical covariance
        var mu = trace.sum().item<double>() / d;
        var delta_ = data.T.matmul(data).square().sum().item<double>() / (n * n);
        var beta_ = squares.T.matmul(squares).sum().item<double>();
        var beta = 1.0 / (d * n) * ((beta_ / n) - delta_);
        var delta = (delta_ - (2.0 * mu * trace.sum().item<double>()) + (d * mu * mu)) / d;
        beta = Math.Min(beta, delta);
        return beta == 0 ? 0 : beta / delta;
    }

    /// <summary>The shrunk covariance (biased, divided by n) of the standardised rows, scaled back: scikit-learn's
    /// <c>_cov(X, "auto")</c>.</summary>
    public static Tensor Covariance(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        using var scope = NewDisposeScope();
        var data = x.to_type(float64);
        var centred = data - data.mean([0], keepdim: true);
        var std = centred.square().mean([0]).sqrt();
        var scale = where(std > 0, std, ones_like(std));      // StandardScaler leaves constant features unscaled
        var z = centred / scale;
        var n = z.shape[0];
        var s = Shrinkage(z);
        var empirical = z.T.matmul(z) / n;
        var mu = empirical.diagonal().sum().item<double>() / z.shape[1];
        var shrunk = ((1 - s) * empirical) + (s * mu * eye(z.shape[1], dtype: float64));
        return (scale.unsqueeze(1) * shrunk * scale.unsqueeze(0)).MoveToOuterDisposeScope();
    }
}
