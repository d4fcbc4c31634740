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

    [Fact]
    public void The_ratio_form_is_unchanged_by_rescaling_the_shape_and_the_difference_form_is_not()
    {
        using var set = new BallSet(2);
        // g/t = 1 and 1 + ln 3 / 7 at t = 1: the same sigmoids as above, 3/8 — and again with g and t tripled.
        using var threshold = tensor(1.0f);
        using var negatives = tensor(NegativeScores);
        using var tripled = tensor(3.0f);
        using var tripledNegatives = negatives * 3;
        double Inclusion(Tensor t, Tensor g, string form)
        {
            using var loss = Objectives.Loss(set, Objectives.Negatives, t, g, 7.0, 0.1, form);
            return loss.item<float>();
        }
        Assert.Equal(0.375, Inclusion(threshold, negatives, Objectives.RatioForm), 5);
        Assert.Equal(0.375, Inclusion(tripled, tripledNegatives, Objectives.RatioForm), 5);
        Assert.Equal(0.375, Inclusion(threshold, negatives, Objectives.DifferenceForm), 5);
        // σ(7·(3 − 3)) = 1/2 and σ(−3 ln 3) = 1/28: the difference form sharpens with the scale.
        Assert.Equal((0.5 + (1.0 / 28)) / 2, Inclusion(tripled, tripledNegatives, Objectives.DifferenceForm), 5);
    }
}
