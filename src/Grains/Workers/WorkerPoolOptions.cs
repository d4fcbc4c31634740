namespace ContrastiveOrleans.Grains.Workers;

/// <summary>Sizing of a silo's worker pool.</summary>
public sealed class WorkerPoolOptions
{
    /// <summary>Intra-op threads each point may use (torch.set_num_threads on each worker).</summary>
    public int ThreadsPerPoint { get; set; } = 1;

    /// <summary>Points that run at once; 0 means cores / threads-per-point (at least 1).</summary>
    public int Slots { get; set; }

    /// <summary>Set torch's thread count on each worker thread before its first point.</summary>
    public bool ConfigureTorchThreads { get; set; } = true;

    public int EffectiveSlots => Slots > 0 ? Slots : Math.Max(1, Environment.ProcessorCount / Math.Max(1, ThreadsPerPoint));
}
