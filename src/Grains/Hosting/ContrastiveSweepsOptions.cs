namespace ContrastiveOrleans.Grains.Hosting;

/// <summary>What a silo needs to run sweeps: where results are stored and how many points run at once.</summary>
public sealed class ContrastiveSweepsOptions
{
    /// <summary>File store directory; null resolves via <see cref="Storage.ResultStoreLocation"/>.</summary>
    public string? StoreDirectory { get; set; }

    /// <summary>Worker slots (points at once); 0 = cores / threads-per-point.</summary>
    public int Workers { get; set; }

    public int ThreadsPerPoint { get; set; } = 1;

    public bool ConfigureTorchThreads { get; set; } = true;
}
