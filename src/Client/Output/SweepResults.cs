using System.Runtime.CompilerServices;
using ContrastiveOrleans.Grains.Contracts;

namespace ContrastiveOrleans.Client.Output;

/// <summary>A sweep's finished results in plan order, fetched a page at a time (each page a few hundred KB at most).</summary>
public static class SweepResults
{
    public const int PageSize = 1000;

    /// <param name="call">Makes each page call (a cluster client wraps it in its retries).</param>
    public static async IAsyncEnumerable<PointResult> Stream(ISweepGrain sweep, Func<Func<CancellationToken, Task<ResultPage>>, CancellationToken, Task<ResultPage>>? call = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        call ??= (f, ct) => f(ct);
        for (var next = 0L; next >= 0;)
        {
            var from = next;
            var page = await call(ct => sweep.GetResults(from, PageSize, ct), cancellationToken).ConfigureAwait(false);
            foreach (var result in page.Results) yield return result;
            next = page.Next;
        }
    }
}
