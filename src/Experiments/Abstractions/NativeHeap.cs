using System.Runtime.InteropServices;

namespace ContrastiveOrleans.Experiments.Abstractions;

/// <summary>
/// Keeps glibc from handing large freed blocks back to the kernel. libtorch allocates every big intermediate (a
/// 4096×4096 logits matrix is 64 MiB) with malloc; by default glibc serves those with mmap and unmaps them on free, so
/// every training step page-faults its buffers in again. On this VM kind that first touch costs ~200 ms per 64 MiB,
/// more than the matmul that fills it. Serving them from the heap and not trimming it makes the reuse free
/// (measured: a 4096×128×4096 sgemm from 27 to 139 GFLOP/s on 2 threads).
/// </summary>
public static partial class NativeHeap
{
    private const int MTrimThreshold = -1;
    private const int MMmapMax = -4;
    private const int TrimThresholdBytes = 1 << 30;

    private static readonly Lazy<bool> Configured = new(Configure, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>True when the allocator was tuned (glibc on Linux); idempotent and cheap after the first call.</summary>
    public static bool EnsureConfigured() => Configured.Value;

    private static bool Configure()
    {
        if (!OperatingSystem.IsLinux()) return false;
        try
        {
            return mallopt(MMmapMax, 0) == 1 && mallopt(MTrimThreshold, TrimThresholdBytes) == 1;
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            return false;  // not glibc (e.g. musl): nothing to tune
        }
    }

    [LibraryImport("libc", EntryPoint = "mallopt")]
    private static partial int mallopt(int param, int value);
}
