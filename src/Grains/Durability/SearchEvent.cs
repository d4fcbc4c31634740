namespace ContrastiveOrleans.Grains.Durability;

/// <summary>One entry of a search's log: a start (<see cref="Unit"/> = −1: the strategy's next unit) or an outcome.</summary>
/// <param name="Score">The unit's score; NaN when it failed.</param>
/// <param name="Check">A start's fingerprint of the unit it started (a hash of its first point's id), so a replay that
/// makes a different unit (the estimator or the file changed since) is caught instead of scoring the wrong
/// configuration; 0 in logs written before it was kept.</param>
[GenerateSerializer, Immutable]
public readonly record struct SearchEvent(
    [property: Id(0)] int Unit,
    [property: Id(1)] double Score,
    [property: Id(2)] bool Stopped,
    [property: Id(3)] long Check = 0)
{
    public static SearchEvent Started(long check) => new(-1, double.NaN, false, check);

    public bool IsStart => Unit < 0;
}
