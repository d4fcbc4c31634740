
namespace ContrastiveOrleans.Sweeps;

/// <summary>A spec expanded into its distinct points, in grid order (last axis fastest), then draw, then seed.</summary>
/// <param name="SweepId">Hash of the name and point ids: the same sweep gets the same id.</param>
public sealed record SweepPlan(SweepSpec Spec, IReadOnlyList<PlannedPoint> Points, string SweepId);
