namespace ContrastiveOrleans.Sweeps;

/// <summary>One axis of a sweep's grid: a parameter and the values it takes (already normalised to its kind).</summary>
public sealed record GridAxis(string Name, IReadOnlyList<object> Values);
