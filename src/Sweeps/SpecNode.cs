namespace ContrastiveOrleans.Sweeps;

/// <summary>A YAML node with the position it came from, so that every spec error can point at its line and column.</summary>
public abstract record SpecNode(int Line, int Column)
{
    /// <summary>The command-line override this node came from (e.g. "params.epochs=5"); null for the file's own.</summary>
    public string? Origin { get; init; }
}
