namespace ContrastiveOrleans.Sweeps.Search;

/// <summary>
/// Median stopping as a point carries it: at each step in <paramref name="Steps"/> the median, over the completed
/// points, of the running average of their <paramref name="Metric"/> up to that step. A running point whose best value
/// so far is worse than the median at the same step is stopped there.
/// </summary>
public sealed record StopRule(string Metric, bool Maximize, long[] Steps, double[] Medians)
{
    /// <summary>The median the point fell behind at <paramref name="step"/>, or null to go on.</summary>
    public double? Behind(long step, double bestSoFar)
    {
        var at = Array.BinarySearch(Steps, step);
        if (at < 0) return null;
        var median = Medians[at];
        return (Maximize ? bestSoFar < median : bestSoFar > median) ? median : null;
    }
}
