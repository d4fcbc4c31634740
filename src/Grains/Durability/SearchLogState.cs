namespace ContrastiveOrleans.Grains.Durability;

/// <summary>
/// An adaptive search's decisions as the order of its starts and outcomes: a strategy is a function of that order, so
/// replaying it rebuilds the search exactly after a reactivation. Written before each start (write-ahead), so no
/// point runs on a decision the log could lose. Bounded by SearchSpec.MaxConfigurations times the rungs.
/// </summary>
[GenerateSerializer]
public sealed class SearchLogState
{
    [Id(0)]
    public List<SearchEvent> Events { get; set; } = [];
}
