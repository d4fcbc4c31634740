namespace ContrastiveOrleans.Sweeps;

/// <summary>One bad-input finding: the field path (e.g. "grid.noise[2]"), what is wrong, and where in the file.</summary>
public sealed record SpecError(string Path, string Message, int Line = 0, int Column = 0)
{
    /// <summary>The command-line override the value came from; shown instead of a line of the file.</summary>
    public string? Origin { get; init; }

    /// <summary>The one-line form the CLI prints: "path: message (line L, column C)" or "(override X=Y)".</summary>
    public override string ToString() =>
        Origin is not null ? $"{Path}: {Message} (override {Origin})"
        : Line > 0 ? $"{Path}: {Message} (line {Line}, column {Column})"
        : $"{Path}: {Message}";
}
