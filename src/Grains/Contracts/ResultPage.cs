using System.Collections.Immutable;

namespace ContrastiveOrleans.Grains.Contracts;

/// <summary>Finished results in sweep order from some index on, a page at a time (a message stays small).</summary>
/// <param name="Next">The index to ask for next; -1 once every index has been read.</param>
[GenerateSerializer, Immutable]
public sealed record ResultPage(
    [Id(0)] ImmutableArray<PointResult> Results,
    [Id(1)] long Next);
