namespace ContrastiveOrleans.Grains.Contracts;

/// <summary>A point's place in an adaptive search.</summary>
/// <param name="Unit">The decision that started it (units are numbered in the order the strategy issued them).</param>
/// <param name="Trial">The configuration: the same trial at a higher rung is the same configuration promoted.</param>
/// <param name="Rung">asha's rung (0 otherwise).</param>
/// <param name="Resource">The budget it ran at, or null when the search has no resource.</param>
/// <param name="Reason">Why it started: "new", "promoted: 2nd of 21 at 6 (top 1/3)", "proposed".</param>
[GenerateSerializer, Immutable]
public sealed record SearchMark(
    [Id(0)] int Unit,
    [Id(1)] int Trial,
    [Id(2)] int Rung,
    [Id(3)] long? Resource,
    [Id(4)] string Reason);
