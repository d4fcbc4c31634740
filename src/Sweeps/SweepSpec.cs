using ContrastiveOrleans.Experiments.Abstractions;

namespace ContrastiveOrleans.Sweeps;

/// <summary>A parsed, validated sweep file (before expansion into points).</summary>
/// <param name="Params">Fixed parameters in file order, normalised to their kinds.</param>
public sealed record SweepSpec(
    string Name,
    IExperiment Experiment,
    IReadOnlyList<int> Seeds,
    IReadOnlyList<KeyValuePair<string, object>> Params,
    IReadOnlyList<GridAxis> Grid,
    RandomSearch? Random,
    IReadOnlyList<CurveSpec> Curves,
    SweepResources Resources,
    long MaxPoints,
    string? Description = null)
{
    public const long DefaultMaxPoints = 1_000_000;

    /// <summary>The command-line overrides applied to the file (recorded in the resolved sweep.yaml).</summary>
    public IReadOnlyList<string> Overrides { get; init; } = [];

    /// <summary>The paper's claims the results are checked against (`claims:`).</summary>
    public IReadOnlyList<ClaimSpec> Claims { get; init; } = [];

    /// <summary>How the sweep chooses its points (`search:`); grid unless the file says otherwise.</summary>
    public Search.SearchSpec Search { get; init; } = ContrastiveOrleans.Sweeps.Search.SearchSpec.Default;

    /// <summary>The point with the largest memory estimate (set by the parser once every combination is checked).</summary>
    public PointMemory? LargestPoint { get; init; }

    /// <summary>Points the spec expands to (cells × draws × seeds), saturating instead of overflowing.</summary>
    public long PointCount
    {
        get
        {
            long count = Seeds.Count * (long)(Random?.Draws ?? 1);
            foreach (var axis in Grid)
            {
                count = count > long.MaxValue / Math.Max(axis.Values.Count, 1) ? long.MaxValue : count * axis.Values.Count;
            }
            return count;
        }
    }
}
