namespace ContrastiveOrleans.Sweeps.Search;

/// <summary>A finished configuration of a search: its values of the search space's dimensions and its loss (lower is better).</summary>
public sealed record Trial(IReadOnlyDictionary<string, object> Values, double Loss);
