namespace ContrastiveOrleans.Grains.Contracts;

/// <summary>Median stopping as a point carries it (Sweeps.Search.StopRule): at each point of progress in
/// <paramref name="Steps"/>, the median of the completed points' running averages of <paramref name="Metric"/>. Progress is
/// step / total steps × <paramref name="Scale"/> rounded (the point's resource, e.g. its epochs, or 1000: thousandths
/// of training), so runs whose batches differ in size compare at the same epoch, not the same step.</summary>
[GenerateSerializer, Immutable]
public sealed record PointStopRule(
    [Id(0)] string Metric,
    [Id(1)] bool Maximize,
    [Id(2)] long[] Steps,
    [Id(3)] double[] Medians,
    [Id(4)] long Scale);
