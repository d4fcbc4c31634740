namespace ContrastiveOrleans.Sweeps;

/// <summary>A YAML mapping in file order; duplicate keys are kept so the parser can report them with a path.</summary>
public sealed record SpecMapping(IReadOnlyList<KeyValuePair<SpecScalar, SpecNode>> Entries, int Line, int Column)
    : SpecNode(Line, Column);
