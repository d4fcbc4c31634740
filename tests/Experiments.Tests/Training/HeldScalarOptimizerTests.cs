using ContrastiveOrleans.Experiments.Training;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ContrastiveOrleans.Experiments.Tests.Training;

/// <summary>
/// The held-scalar optimizers must be TorchSharp's own, bit for bit (the result cache's experiment versions assume the
/// numbers did not change): the same parameters, gradients and cosine schedule through both, compared exactly.
/// </summary>
public sealed class HeldScalarOptimizerTests
{
    [Fact]
    public void Adam_equals_TorchSharps_adam_bit_for_bit_under_a_cosine_schedule() =>
        AssertSameTrajectory(
            ps => optim.Adam(ps, 0.05),
            ps => new HeldScalarAdam(ps, 0.05));

    [Theory]
    [InlineData(0.0, 0.0)]
    [InlineData(0.9, 0.0)]
    [InlineData(0.9, 5e-4)]
    public void Sgd_equals_TorchSharps_sgd_bit_for_bit_under_a_cosine_schedule(double momentum, double weightDecay) =>
        AssertSameTrajectory(
            ps => optim.SGD(ps, 0.05, momentum: momentum, weight_decay: weightDecay),
            ps => new HeldScalarSgd(ps, 0.05, momentum, weightDecay));

    /// <summary>Options their steps do not implement are refused when set on a parameter group, not ignored.</summary>
    [Fact]
    public void Options_the_steps_do_not_implement_are_refused()
    {
        using var scope = NewDisposeScope();
        using var w = nn.Parameter(ones(2, 2));
        using var v = nn.Parameter(ones(2, 2));
        w.grad = ones(2, 2);
        v.grad = ones(2, 2);
        using var adam = new HeldScalarAdam([w], 0.1);
        adam.step();
        adam.add_param_group(new Adam.ParamGroup([v], new Adam.Options { weight_decay = 0.01 }));
        Assert.Throws<NotSupportedException>(() => adam.step());
        using var sgd = new HeldScalarSgd([w], 0.1, 0.9, 0.0);
        sgd.step();
        sgd.add_param_group(new SGD.ParamGroup([v], new SGD.Options { nesterov = true }));
        Assert.Throws<NotSupportedException>(() => sgd.step());
    }

    private static void AssertSameTrajectory(
        Func<IEnumerable<Parameter>, optim.Optimizer> reference,
        Func<IEnumerable<Parameter>, optim.Optimizer> held)
    {
        const int steps = 60;
        var (expected, expectedLoss) = Train(reference, steps);
        var (actual, actualLoss) = Train(held, steps);
        Assert.Equal(expectedLoss, actualLoss);
        for (var i = 0; i < expected.Length; i++)
            Assert.True(expected[i].SequenceEqual(actual[i]), $"parameter {i} differs after {steps} steps");
        // The trajectory moved: equality of two runs that never stepped would prove nothing.
        Assert.NotEqual(Start()[0], expected[0][0]);
    }

    private static float[] Start()
    {
        using var g = new Generator(5);
        return randn(3, 4, dtype: float32, generator: g).data<float>().ToArray();
    }

    private static (float[][] Parameters, float[] Losses) Train(Func<IEnumerable<Parameter>, optim.Optimizer> create, int steps)
    {
        using var scope = NewDisposeScope();
        using var g = new Generator(5);
        using var w = nn.Parameter(randn(3, 4, dtype: float32, generator: g));
        using var b = nn.Parameter(randn(3, dtype: float32, generator: g));
        var x = randn(32, 4, dtype: float32, generator: g);
        var y = randn(32, 3, dtype: float32, generator: g);
        using var optimizer = create([w, b]);
        var schedule = optim.lr_scheduler.CosineAnnealingLR(optimizer, steps);
        var losses = new float[steps];
        for (var s = 0; s < steps; s++)
        {
            using var stepScope = NewDisposeScope();
            optimizer.zero_grad();
            var loss = (x.matmul(w.T) + b - y).pow(2).mean();
            loss.backward();
            optimizer.step();
            schedule.step();
            losses[s] = loss.item<float>();
        }
        return ([w.detach().data<float>().ToArray(), b.detach().data<float>().ToArray()], losses);
    }
}
