using ContrastiveOrleans.Experiments.Conformal;
using static TorchSharp.torch;

namespace ContrastiveOrleans.Experiments.Tests.Conformal;

/// <summary>Positives come from the anchor's cluster, negatives from the others, uniformly, within the split.</summary>
public sealed class PairSamplerTests
{
    // Point i = (label_i, i): the first coordinate reveals the cluster, the second the row.
    private static readonly long[] Labels = [2, 0, 1, 0, 2, 2, 1, 0, 0, 2, 1, 2];

    private static LabelledPoints Points()
    {
        var rows = Labels.SelectMany((l, i) => new[] { (float)l, i }).ToArray();
        return new LabelledPoints(tensor(rows, Labels.Length, 2), tensor(Labels));
    }

    [Fact]
    public void Positives_share_the_anchor_label_and_negatives_never_do()
    {
        using var points = Points();
        using var sampler = new PairSampler(points, "test", CPU);
        using var generator = new Generator(1);
        using var index = arange(sampler.Count);
        using var anchors = sampler.Anchors(index);
        using var positives = sampler.Positives(index, 200, generator);
        using var negatives = sampler.Negatives(index, 200, generator);
        using var anchorLabel = anchors.select(1, 0).unsqueeze(1);
        Assert.True(positives.select(2, 0).eq(anchorLabel).all().item<bool>());
        Assert.False(negatives.select(2, 0).eq(anchorLabel).any().item<bool>());
    }

    [Fact]
    public void Negative_draws_are_uniform_over_the_other_clusters()
    {
        // Anchors of cluster 0 (4 points) draw from the 8 others: each row expects draws/8; Poisson bound 5σ per cell.
        using var points = Points();
        using var sampler = new PairSampler(points, "test", CPU);
        using var generator = new Generator(2);
        using var index = arange(sampler.Count);
        using var anchors = sampler.Anchors(index);
        const int draws = 8000;
        var counts = new int[Labels.Length];
        using var negatives = sampler.Negatives(index, draws, generator);
        var rows = negatives.select(2, 1).data<float>().ToArray();
        var anchorLabels = anchors.select(1, 0).data<float>().ToArray();
        for (var a = 0; a < anchorLabels.Length; a++)
        {
            if (anchorLabels[a] != 0) continue;
            for (var j = 0; j < draws; j++) counts[(int)rows[a * draws + j]]++;
        }
        var expected = 4.0 * draws / 8;
        for (var i = 0; i < Labels.Length; i++)
        {
            if (Labels[i] == 0) Assert.Equal(0, counts[i]);
            else Assert.InRange(counts[i], expected - 5 * Math.Sqrt(expected), expected + 5 * Math.Sqrt(expected));
        }
    }

    [Fact]
    public void A_split_with_one_cluster_fails_with_a_message_naming_the_split()
    {
        using var points = new LabelledPoints(zeros(4, 2), zeros(4, dtype: ScalarType.Int64));
        var error = Assert.Throws<Abstractions.ExperimentFailedException>(() => new PairSampler(points, "calibration", CPU));
        Assert.Contains("calibration", error.Message, StringComparison.Ordinal);
    }
}
