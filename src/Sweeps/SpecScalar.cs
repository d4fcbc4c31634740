namespace ContrastiveOrleans.Sweeps;

/// <summary>A YAML scalar already typed by the YAML 1.2 core schema: long, double, bool, string or null.</summary>
public sealed record SpecScalar(object? Value, string Text, int Line, int Column) : SpecNode(Line, Column);
