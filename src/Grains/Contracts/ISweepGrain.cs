using System.Collections.Immutable;

namespace ContrastiveOrleans.Grains.Contracts;

/// <summary>Runs one submitted sweep (key: sweep run id): dispatches its points with bounded concurrency.</summary>
public interface ISweepGrain : IGrainWithStringKey
{
    /// <summary>Starts dispatching and returns at once; poll <see cref="GetProgress"/>.</summary>
    Task<SweepProgress> Start(SweepDefinition definition);

    Task<SweepProgress> GetProgress();

    /// <summary>Stops dispatching and cancels running points; finished results are kept.</summary>
    Task<SweepProgress> Cancel();

    /// <summary>Results of finished points (done or failed) in completion order, a page at a time (messages stay small).</summary>
    Task<ImmutableArray<PointResult>> GetResults(int offset, int count);

    /// <summary>The resolved sweep file submitted with the definition; null for an unknown sweep.</summary>
    Task<string?> GetResolvedSpec();
}
