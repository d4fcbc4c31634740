using ContrastiveOrleans.Grains.Contracts;

namespace ContrastiveOrleans.Grains.Durability;

/// <summary>
/// A sweep's definition, stored once when it is submitted, apart from the root's progress (<see cref="SweepRootState"/>)
/// which is rewritten as shards start and finish: a long sweep file is written once, not with every progress write.
/// </summary>
[GenerateSerializer]
public sealed class SweepDefinitionState
{
    [Id(0)]
    public SweepDefinition? Definition { get; set; }
}
