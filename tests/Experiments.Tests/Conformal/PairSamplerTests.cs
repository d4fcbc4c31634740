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
        using var anchorRow = anchors.select(1, 1).unsqueeze(1);
        Assert.False(positives.select(2, 1).eq(anchorRow).any().item<bool>());
    }

    [Fact]
    public void Anchors_of_a_sub_range_draw_partners_from_the_whole_pool()
    {
        // Anchors are rows 6..11; cluster 0 has rows 1, 3 (outside the range) and 7, 8 (inside).
        using var points = Points();
        using var sampler = new PairSampler(points, 6, 6, "test", CPU);
        using var generator = new Generator(3);
        using var index = arange(sampler.Count);
        using var anchors = sampler.Anchors(index);
        Assert.Equal(Enumerable.Range(6, 6).Select(i => (float)i), anchors.select(1, 1).data<float>().ToArray());
        using var positives = sampler.Positives(index, 400, generator);
        var rows = positives.select(2, 1).data<float>().ToArray();
        // Anchor row 7 (cluster 0) is index 1: its positives are rows 1, 3 and 8, each about a third of the time.
        var ofSeven = rows.Skip(400).Take(400).ToArray();
        Assert.Equal(new float[] { 1, 3, 8 }, ofSeven.Distinct().Order().ToArray());
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

    [Fact]
    public void A_cluster_with_a_single_point_has_no_positive()
    {
        using var points = new LabelledPoints(zeros(3, 2), tensor(new long[] { 0, 1, 1 }));
        var error = Assert.Throws<Abstractions.ExperimentFailedException>(() => new PairSampler(points, "training", CPU));
        Assert.Contains("no positive", error.Message, StringComparison.Ordinal);
    }
}
