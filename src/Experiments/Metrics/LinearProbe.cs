using static TorchSharp.torch;

namespace ContrastiveOrleans.Experiments.Metrics;

/// <summary>
/// Multinomial logistic regression on frozen features (standardised with the training statistics), minimising
/// mean cross-entropy + l2·‖W‖² (the bias is not penalised) with L-BFGS; returns test accuracy. The objective is
/// convex and, with l2 &gt; 0, strictly convex in W: this is the objective scikit-learn's LogisticRegression solves with
/// C = 1/(2·l2·n). Low-dimensional features (the GMM projections) converge to the minimiser in tens of iterations;
/// wide, nearly separable ones (a CNN's 256 features or 784 pixels of 60,000 images) would take thousands for digits
/// the accuracy does not show, so the probe stops at <see cref="MaxIterations"/> as scikit-learn stops at max_iter.
/// Loss and gradient are closed-form tensor expressions (no autograd); the L-BFGS bookkeeping, on vectors of
/// (features + 1)·classes numbers, runs in managed code. Deterministic: no randomness anywhere.
/// </summary>
public static class LinearProbe
{
    /// <summary>The probe's iteration budget: three times scikit-learn's default max_iter of 100.</summary>
    public const int MaxIterations = 300;

    public static double Accuracy(Tensor trainFeatures, Tensor trainLabels, Tensor testFeatures, Tensor testLabels, int classes,
        double l2 = 1e-4)
    {
        ArgumentNullException.ThrowIfNull(trainFeatures);
        ArgumentNullException.ThrowIfNull(testFeatures);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var train = trainFeatures.to_type(float64).cpu();
        var mean = train.mean([0], keepdim: true);
        // Population standard deviation, as scikit-learn's StandardScaler.
        var std = train.std([0], unbiased: false, keepdim: true).clamp_min(1e-12);
        var xs = (train - mean) / std;
        var (weight, bias, _) = Fit(xs, trainLabels, classes, l2, MaxIterations);
        var test = (testFeatures.to_type(float64).cpu() - mean) / std;
        var predicted = (test.matmul(weight) + bias).argmax(1);
        return predicted.eq(testLabels.to_type(int64).cpu()).to_type(float64).mean().item<double>();
    }

    /// <summary>The minimiser (W: features×classes, b: classes) on already standardised features, and the iterations taken.</summary>
    public static (Tensor Weight, Tensor Bias, int Iterations) Fit(Tensor xs, Tensor labels, int classes, double l2,
        int maxIterations = 1000, double gradientTolerance = 1e-7)
    {
        ArgumentNullException.ThrowIfNull(xs);
        ArgumentNullException.ThrowIfNull(labels);
        var objective = new Objective(xs, labels.to_type(int64).cpu(), classes, l2);
        var theta = new double[objective.Size];
        var (f, g) = objective.Evaluate(theta);
        var memory = new LbfgsMemory(10);
        var iterations = 0;
        for (; iterations < maxIterations && InfinityNorm(g) > gradientTolerance; iterations++)
        {
            var direction = memory.Direction(g);
            var slope = Dot(g, direction);
            if (slope >= 0)
            {
                // Not a descent direction (curvature pairs gone stale): restart from steepest descent.
                memory.Clear();
                direction = [.. g.Select(v => -v)];
                slope = Dot(g, direction);
            }
            // The first step has no curvature to scale it: a unit step along −g/‖g‖₁ keeps it in range.
            var step = memory.Count == 0 ? Math.Min(1.0, 1.0 / g.Sum(Math.Abs)) : 1.0;
            double[] next;
            double fNext;
            double[] gNext;
            var halvings = 0;
            while (true)
            {
                next = Axpy(theta, step, direction);
                (fNext, gNext) = objective.Evaluate(next);
                // Armijo's sufficient decrease; backtracking suffices for a smooth convex objective.
                if (fNext <= f + 1e-4 * step * slope || ++halvings > 50) break;
                step *= 0.5;
            }
            if (halvings > 50 || f - fNext <= 1e-15 * Math.Max(1, Math.Abs(f))) { if (fNext < f) (theta, f, g) = (next, fNext, gNext); break; }
            memory.Push(Subtract(next, theta), Subtract(gNext, g));
            (theta, f, g) = (next, fNext, gNext);
        }
        var (weight, bias) = objective.Unpack(theta);
        return (weight, bias, iterations);
    }

    private static double InfinityNorm(double[] v) => v.Max(Math.Abs);

    internal static double Dot(double[] a, double[] b)
    {
        var s = 0.0;
        for (var i = 0; i < a.Length; i++) s += a[i] * b[i];
        return s;
    }

    private static double[] Axpy(double[] x, double a, double[] y)
    {
        var r = new double[x.Length];
        for (var i = 0; i < x.Length; i++) r[i] = x[i] + a * y[i];
        return r;
    }

    private static double[] Subtract(double[] a, double[] b)
    {
        var r = new double[a.Length];
        for (var i = 0; i < a.Length; i++) r[i] = a[i] - b[i];
        return r;
    }

    /// <summary>
    /// Mean cross-entropy + l2·‖W‖² and its gradient, for θ = [W class-major (k×p), b (k)]. Logits are held k×n
    /// (class-major): libtorch's softmax along a short last dimension (k = 3 at the quickstart's shapes) is many times
    /// slower than the same reduction across rows.
    /// </summary>
    private sealed class Objective(Tensor xs, Tensor labels, int classes, double l2)
    {
        private readonly long _features = xs.shape[1];
        private readonly Tensor _labels = labels.unsqueeze(0);
        private readonly Tensor _minusOnes = full(1, labels.shape[0], -1.0, dtype: float64);
        private readonly Tensor _xsT = xs.T;
        private readonly double _n = xs.shape[0];

        public int Size => (int)((_features + 1) * classes);

        /// <summary>W as features×classes and b.</summary>
        public (Tensor Weight, Tensor Bias) Unpack(double[] theta)
        {
            var (weight, bias) = ClassMajor(theta);
            return (weight.T, bias);
        }

        private (Tensor Weight, Tensor Bias) ClassMajor(double[] theta)
        {
            var all = tensor(theta, dtype: float64);
            return (all[..(int)(_features * classes)].view(classes, _features), all[(int)(_features * classes)..]);
        }

        // Few, fused operations: at the quickstart's shapes (20,000 × 2 features, 3 classes) the per-operation
        // overhead, not arithmetic, is the cost of an evaluation.
        public (double Value, double[] Gradient) Evaluate(double[] theta)
        {
            using var scope = NewDisposeScope();
            var (weight, bias) = ClassMajor(theta);
            var logits = addmm(bias.unsqueeze(1), weight, _xsT, beta: 1, alpha: 1);            // k×n
            var logProbabilities = logits.sub_(logits.logsumexp(0, keepdim: true));
            var crossEntropy = -logProbabilities.gather(0, _labels).sum().item<double>() / _n;
            var squaredNorm = 0.0;
            for (var i = 0; i < _features * classes; i++) squaredNorm += theta[i] * theta[i];
            var residual = logProbabilities.exp_().scatter_add_(0, _labels, _minusOnes);        // softmax − onehot, k×n
            var gradient = new double[theta.Length];
            addmm(weight, residual, xs, beta: (float)(2 * l2), alpha: (float)(1 / _n)).data<double>().CopyTo(gradient, 0);
            residual.mean([1]).data<double>().CopyTo(gradient, (int)(_features * classes));
            return (crossEntropy + l2 * squaredNorm, gradient);
        }
    }
}
