using static TorchSharp.torch;

namespace ContrastiveOrleans.Experiments.AlphaCl;

/// <summary>
/// Multinomial logistic regression on frozen features: full-batch Adam from zero weights (the problem is convex,
/// so no random start is needed) with a small L2 penalty that keeps separable data from driving weights to ∞.
/// </summary>
public static class LinearProbe
{
    public const int Steps = 300;
    public const double LearningRate = 0.05;
    public const double WeightDecay = 1e-4;

    /// <summary>Accuracy on the test split of the probe fitted on the train split.</summary>
    public static double Accuracy(Tensor trainX, Tensor trainY, Tensor testX, Tensor testY, int classes)
    {
        ArgumentNullException.ThrowIfNull(trainX);
        ArgumentNullException.ThrowIfNull(trainY);
        ArgumentNullException.ThrowIfNull(testX);
        ArgumentNullException.ThrowIfNull(testY);
        using var scope = NewDisposeScope();
        // Callers usually evaluate under no_grad; the probe's own fit needs gradients.
        using var grad = enable_grad();
        var device = trainX.device;
        var xs = trainX.detach().to(float32);
        var ys = trainY.to(int64).to(device);
        var weight = nn.Parameter(zeros(xs.shape[1], classes, dtype: float32, device: device));
        var bias = nn.Parameter(zeros(classes, dtype: float32, device: device));
        using var optimizer = optim.Adam([weight, bias], LearningRate);
        for (var step = 0; step < Steps; step++)
        {
            using var stepScope = NewDisposeScope();
            optimizer.zero_grad();
            var loss = nn.functional.cross_entropy(xs.matmul(weight) + bias, ys) + WeightDecay * weight.pow(2).sum();
            loss.backward();
            optimizer.step();
        }
        using var noGrad = no_grad();
        var predicted = (testX.detach().to(float32).to(device).matmul(weight) + bias).argmax(1);
        return predicted.eq(testY.to(int64).to(device)).to(float64).mean().item<double>();
    }
}
