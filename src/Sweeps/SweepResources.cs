namespace ContrastiveOrleans.Sweeps;

/// <summary>What each point may use: intra-op threads, the device ("cpu", "cuda" or "auto"), and packing.</summary>
/// <param name="Pack">
/// Up to this many queued points of one experiment whose tensor shapes agree train as one batched program (0 or 1:
/// every point alone). Off by default: a packed point's numbers agree with the point run alone to about 1e-6, not
/// bit for bit, so which points happened to share a program would show in the last digits of a result.
/// </param>
public sealed record SweepResources(int Threads = 1, string Device = "cpu", int Pack = 0)
{
    public const int MaxPack = Experiments.Abstractions.PackLimits.Max;

    public static IReadOnlyList<string> Devices { get; } = ["cpu", "cuda", "auto"];
}
