using ContrastiveOrleans.Experiments.Metrics;
using static TorchSharp.torch;

namespace ContrastiveOrleans.Experiments.Tests.Metrics;

public sealed class LinearProbeSolverTests
{
    private const int N = 300, P = 3, K = 3;

    /// <summary>A fixed, overlapping 3-class problem defined by a formula, standardised with the population std.</summary>
    private static (Tensor X, Tensor Y) Fixture()
    {
        var x = new double[N * P];
        var y = new long[N];
        for (var i = 0; i < N; i++)
        {
            y[i] = i % K;
            var offsets = new[] { y[i], -y[i], 0.5 * y[i] };
            for (var j = 0; j < P; j++) x[i * P + j] = Math.Sin(1.3 * i + 0.7 * j + 0.1 * j * j) + 0.8 * offsets[j];
        }
        var t = tensor(x, N, P);
        return ((t - t.mean([0], keepdim: true)) / t.std([0], unbiased: false, keepdim: true), tensor(y));
    }

    [Fact]
    public void The_fit_is_the_minimiser_an_independent_solver_finds_for_the_same_objective()
    {
        // The same objective written out in numpy and minimised by scipy 1.10's L-BFGS-B to a gradient of 1.5e-9
        // (scikit-learn 1.2.1's LogisticRegression(C = 1/(2·l2·n)) stops 1e-5 short of it, at a gradient of 3e-6):
        // W features × classes (row-major), the bias centred (unpenalised, it is defined up to a common shift).
        double[] coefficients = [-1.7189823395678367, -0.000352442327319579, 1.7193347818951557, 1.9220958782364066, 0.00015976930282512935,
            -1.9222556475392307, -1.1530057687031439, 0.000827727334087046, 1.1521780413690579];
        double[] intercepts = [-0.5760277180883259, 1.152044763905245, -0.5760170458169189];
        var (x, y) = Fixture();
        var (weight, bias, _) = LinearProbe.Fit(x, y, K, l2: 1e-2);
        var ours = weight.contiguous().data<double>().ToArray();
        for (var i = 0; i < coefficients.Length; i++) Assert.Equal(coefficients[i], ours[i], 1e-6);
        var b = bias.data<double>().ToArray();
        var mean = b.Average();
        for (var i = 0; i < K; i++) Assert.Equal(intercepts[i], b[i] - mean, 1e-6);
    }

    [Fact]
    public void The_gradient_of_an_independent_objective_vanishes_at_the_fit()
    {
        var (x, y) = Fixture();
        const double l2 = 1e-4;
        var (weight, bias, iterations) = LinearProbe.Fit(x, y, K, l2);
        Assert.InRange(iterations, 1, 999);
        var xs = x.data<double>().ToArray();
        var labels = y.data<long>().ToArray();
        var theta = weight.contiguous().data<double>().ToArray().Concat(bias.data<double>().ToArray()).ToArray();

        // Mean cross-entropy + l2·‖W‖², written out in managed code, differentiated by central differences.
        double Loss(double[] t)
        {
            var total = 0.0;
            for (var i = 0; i < N; i++)
            {
                var logits = new double[K];
                for (var c = 0; c < K; c++)
                {
                    logits[c] = t[P * K + c];
                    for (var j = 0; j < P; j++) logits[c] += xs[i * P + j] * t[j * K + c];
                }
                var max = logits.Max();
                total += max + Math.Log(logits.Sum(l => Math.Exp(l - max))) - logits[labels[i]];
            }
            return total / N + l2 * t.Take(P * K).Sum(w => w * w);
        }
        const double h = 1e-5;
        for (var i = 0; i < theta.Length; i++)
        {
            var plus = (double[])theta.Clone();
            var minus = (double[])theta.Clone();
            plus[i] += h;
            minus[i] -= h;
            Assert.InRange((Loss(plus) - Loss(minus)) / (2 * h), -1e-6, 1e-6);
        }
    }
}
