namespace ContrastiveOrleans.Sweeps;

/// <summary>A YAML sequence.</summary>
public sealed record SpecSequence(IReadOnlyList<SpecNode> Items, int Line, int Column) : SpecNode(Line, Column);
