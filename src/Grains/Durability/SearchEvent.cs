namespace ContrastiveOrleans.Grains.Durability;

/// <summary>One entry of a search's log: a start (<see cref="Unit"/> = −1: the strategy's next unit) or an outcome.</summary>
/// <param name="Score">The unit's score; NaN when it failed.</param>
[GenerateSerializer, Immutable]
public readonly record struct SearchEvent(
    [property: Id(0)] int Unit,
    [property: Id(1)] double Score,
    [property: Id(2)] bool Stopped)
{
    public static SearchEvent Start { get; } = new(-1, double.NaN, false);

    public bool IsStart => Unit < 0;
}
