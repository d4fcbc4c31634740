using System.Globalization;

namespace ContrastiveOrleans.Sweeps;

/// <summary>Memory one point may use on the machine that runs it: its usable memory shared by the points running at once.</summary>
/// <param name="Description">How the figure came about, e.g. "24.0 GB × 0.8 / 2 workers".</param>
/// <param name="Remedy">What the user can do besides shrinking the point, e.g. "lower --workers, or pass --force".</param>
public sealed record MemoryBudget(long BytesPerPoint, string Description, string Remedy)
{
    /// <summary>Share of the machine's memory that points may use; the rest is the host's and the page cache's.</summary>
    public const double UsableShare = 0.8;

    /// <summary>This machine's budget: the memory .NET may use (the cgroup limit inside a container) over the workers.</summary>
    public static MemoryBudget ForThisMachine(int workers, string remedy)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        var total = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        return new MemoryBudget((long)(total * UsableShare / workers),
            string.Create(CultureInfo.InvariantCulture, $"{SpecLimits.Bytes(total)} x {UsableShare} / {workers} worker{(workers == 1 ? "" : "s")}"),
            remedy);
    }
}
