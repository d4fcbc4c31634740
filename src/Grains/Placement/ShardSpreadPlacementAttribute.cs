using Orleans.Placement;

namespace ContrastiveOrleans.Grains.Placement;

/// <summary>Marks a grain keyed "{run id}/{shard}" as placed by <see cref="ShardSpreadPlacement"/>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class ShardSpreadPlacementAttribute() : PlacementAttribute(new ShardSpreadPlacement());
