using System.Collections.Immutable;

namespace ContrastiveOrleans.Grains.Contracts;

/// <summary>Client-side helpers over <see cref="ISweepGrain"/>.</summary>
public static class SweepGrainExtensions
{
    public const int ResultPageSize = 2000;

    /// <summary>Every finished result, fetched page by page.</summary>
    public static async Task<ImmutableArray<PointResult>> GetAllResults(this ISweepGrain sweep, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        var all = ImmutableArray.CreateBuilder<PointResult>();
        while (true)
        {
            var page = await sweep.GetResults(all.Count, ResultPageSize, cancellationToken).ConfigureAwait(false);
            all.AddRange(page);
            if (page.Length < ResultPageSize) return all.ToImmutable();
        }
    }
}
