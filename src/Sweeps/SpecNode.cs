namespace ContrastiveOrleans.Sweeps;

/// <summary>A YAML node with the position it came from, so that every spec error can point at its line and column.</summary>
public abstract record SpecNode(int Line, int Column);
