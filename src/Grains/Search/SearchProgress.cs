namespace ContrastiveOrleans.Grains.Search;

/// <summary>Where a run is in its training, on a scale that compares runs: its resource (e.g. epochs) or thousandths.</summary>
internal static class SearchProgress
{
    /// <summary>Thousandths of training, for a search without a resource.</summary>
    public const long Thousandths = 1000;

    public static long Key(long step, long totalSteps, long scale) =>
        totalSteps <= 0 ? scale : (long)Math.Round((double)step * scale / totalSteps, MidpointRounding.AwayFromZero);
}
