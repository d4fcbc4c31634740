namespace ContrastiveOrleans.Grains.Durability;

/// <summary>
/// One segment of an adaptive search's decisions as the order of its starts and outcomes: a strategy is a function of
/// that order, so replaying the segments in turn rebuilds the search exactly after a reactivation. Written before
/// each start (write-ahead), so no point runs on a decision the log could lose.
/// </summary>
[GenerateSerializer]
public sealed class SearchLogState
{
    [Id(0)]
    public List<SearchEvent> Events { get; set; } = [];
}
