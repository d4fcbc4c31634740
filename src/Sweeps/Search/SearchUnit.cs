namespace ContrastiveOrleans.Sweeps.Search;

/// <summary>
/// One decision of a search: run configuration <paramref name="Trial"/> (once per seed of the sweep) at
/// <paramref name="Resource"/>. Units are numbered in the order the strategy issued them.
/// </summary>
/// <param name="Rung">asha's rung (0 for the other strategies).</param>
/// <param name="Resource">The budget the unit sets (asha), or null: the configuration's own.</param>
/// <param name="Proposed">Values the strategy chose (tpe's proposal), or null: the configuration is the plan's.</param>
/// <param name="Reason">Why it was started, for the report: "new", or what earned a promotion.</param>
public sealed record SearchUnit(int Sequence, int Trial, int Rung, long? Resource, IReadOnlyDictionary<string, object>? Proposed, string Reason);
