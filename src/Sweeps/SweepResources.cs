namespace ContrastiveOrleans.Sweeps;

/// <summary>What each point may use: intra-op threads and the device ("cpu", "cuda" or "auto").</summary>
public sealed record SweepResources(int Threads = 1, string Device = "cpu")
{
    public static IReadOnlyList<string> Devices { get; } = ["cpu", "cuda", "auto"];
}
