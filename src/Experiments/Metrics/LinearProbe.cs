using static TorchSharp.torch;

namespace ContrastiveOrleans.Experiments.Metrics;

/// <summary>
/// Multinomial logistic regression on frozen features (standardised with the training statistics, small L2),
/// trained full-batch with Adam, so the probe is deterministic; returns test accuracy. (libtorch's native L-BFGS
/// prints a deprecation warning to stderr on every call, which would flood the CLI.)
/// </summary>
public static class LinearProbe
{
    public static double Accuracy(Tensor trainFeatures, Tensor trainLabels, Tensor testFeatures, Tensor testLabels, int classes,
        double l2 = 1e-4, int iterations = 300)
    {
        ArgumentNullException.ThrowIfNull(trainFeatures);
        ArgumentNullException.ThrowIfNull(testFeatures);
        using var scope = NewDisposeScope();
        var train = trainFeatures.to_type(float64);
        var mean = train.mean([0], keepdim: true);
        var std = train.std([0], keepdim: true).clamp_min(1e-12);
        var xs = (train - mean) / std;
        var ys = trainLabels.to_type(int64);
        var weight = zeros(xs.shape[1], classes, dtype: float64).requires_grad_(true);
        var bias = zeros(classes, dtype: float64).requires_grad_(true);
        // Parameters are not owned by dispose scopes, so these two are disposed explicitly.
        using var weightParameter = new TorchSharp.Modules.Parameter(weight);
        using var biasParameter = new TorchSharp.Modules.Parameter(bias);
        var parameters = new[] { weightParameter, biasParameter };
        using var optimizer = optim.Adam(parameters, lr: 0.05);
        // Callers often evaluate under no_grad(); the probe's own fit needs gradients.
        using (enable_grad())
        {
            for (var i = 0; i < iterations; i++)
            {
                using var step = NewDisposeScope();
                optimizer.zero_grad();
                var loss = nn.functional.cross_entropy(xs.matmul(parameters[0]) + parameters[1], ys)
                    + l2 * parameters[0].square().sum();
                loss.backward();
                optimizer.step();
            }
        }
        using var noGrad = no_grad();
        var test = (testFeatures.to_type(float64) - mean) / std;
        var predicted = (test.matmul(parameters[0]) + parameters[1]).argmax(1);
        return predicted.eq(testLabels.to_type(int64)).to_type(float64).mean().item<double>();
    }
}
