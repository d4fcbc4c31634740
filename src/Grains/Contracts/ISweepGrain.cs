using System.Collections.Immutable;

namespace ContrastiveOrleans.Grains.Contracts;

/// <summary>Runs one submitted sweep (key: sweep run id): dispatches its points with bounded concurrency.</summary>
public interface ISweepGrain : IGrainWithStringKey
{
    /// <summary>
    /// Starts dispatching and returns at once; poll <see cref="GetProgress"/>. The token covers the submission only: a
    /// started sweep runs until <see cref="Cancel"/>, whoever watches it.
    /// </summary>
    Task<SweepProgress> Start(SweepDefinition definition, CancellationToken cancellationToken = default);

    Task<SweepProgress> GetProgress(CancellationToken cancellationToken = default);

    /// <summary>Stops dispatching and cancels running points; finished results are kept.</summary>
    Task<SweepProgress> Cancel(CancellationToken cancellationToken = default);

    /// <summary>Results of finished points (done or failed) in completion order, a page at a time (messages stay small).</summary>
    Task<ImmutableArray<PointResult>> GetResults(int offset, int count, CancellationToken cancellationToken = default);

    /// <summary>The resolved sweep file submitted with the definition; null for an unknown sweep.</summary>
    Task<string?> GetResolvedSpec(CancellationToken cancellationToken = default);
}
