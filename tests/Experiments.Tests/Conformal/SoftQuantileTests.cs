using ContrastiveOrleans.Experiments.Conformal;
using static TorchSharp.torch;

namespace ContrastiveOrleans.Experiments.Tests.Conformal;

public sealed class SoftQuantileTests
{
    [Fact]
    public void Soft_threshold_sits_at_the_conformal_rank_and_spreads_its_gradient()
    {
        // Scores 0..100 shuffled; the conformal 0-based position at α = 0.1 is 102 · 0.9 − 1 = 90.8.
        var values = Enumerable.Range(0, 101).Select(i => (float)((i * 37) % 101)).ToArray();
        using var scores = tensor(values, requires_grad: true);
        using var t = SoftQuantile.Compute(scores, 0.1);
        Assert.InRange(t.item<float>(), 90.3, 91.3);
        t.backward();
        using var grad = scores.grad!;
        var g = grad.data<float>().ToArray();
        Assert.Equal(1.0, g.Sum(), 5);          // a weighted average of order statistics
        Assert.True(g.Count(v => v > 0) >= 10);
        Assert.True(g.All(v => v >= 0));
    }
}
