namespace ContrastiveOrleans.Sweeps;

/// <summary>The optional random part of a sweep: <paramref name="Draws"/> draws per grid cell over <paramref name="Space"/>.</summary>
public sealed record RandomSearch(int Draws, IReadOnlyList<RandomDimension> Space);
