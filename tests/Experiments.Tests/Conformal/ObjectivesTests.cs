using ContrastiveOrleans.Experiments.Conformal;
using static TorchSharp.torch;

namespace ContrastiveOrleans.Experiments.Tests.Conformal;

public sealed class ObjectivesTests
{
    // Negatives at g = t and g = t + ln 3 / 7: sigmoid(0) = 1/2 and sigmoid(−ln 3) = 1/4, mean 3/8.
    private static readonly float[] NegativeScores = [1.0f, (float)(1 + Math.Log(3) / 7)];

    [Theory]
    [InlineData(Objectives.Negatives, 0.375)]
    [InlineData(Objectives.Volume, 1.1447298858494002)]            // log π: unit disc at t = 1
    [InlineData(Objectives.Both, 0.9 * 0.375 + 0.1 * 1.1447298858494002)]
    public void Objectives_match_hand_computed_values(string objective, double expected)
    {
        using var set = new BallSet(2);
        using var threshold = tensor(1.0f);
        using var negatives = tensor(NegativeScores);
        using var loss = Objectives.Loss(set, objective, threshold, negatives, 7.0, 0.1);
        Assert.Equal(expected, loss.item<float>(), 5);
    }
}
