namespace ContrastiveOrleans.Experiments.Abstractions;

/// <summary>How many points one packed program may hold: a memory budget per program, and an absolute cap.</summary>
public static class PackLimits
{
    /// <summary>The most points any program holds (resources.pack's upper bound).</summary>
    public const int Max = 256;

    /// <summary>About 1 GiB of training tensors per program.</summary>
    public const double ProgramBytes = 1L << 30;

    /// <summary>Points of <paramref name="bytesPerPoint"/> training memory that fit the budget, between 1 and <see cref="Max"/>.</summary>
    public static int For(double bytesPerPoint) => (int)Math.Clamp(Math.Floor(ProgramBytes / bytesPerPoint), 1, Max);
}
