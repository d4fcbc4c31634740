using static TorchSharp.torch;

namespace ContrastiveOrleans.Experiments.Abstractions;

/// <summary>Maps the user's device names to torch devices.</summary>
public static class Devices
{
    public static readonly string[] Names = ["cpu", "cuda", "auto"];

    /// <summary>Resolves "auto" to cuda when available, else cpu.</summary>
    public static string Resolve(string name) => name switch
    {
        "auto" => cuda.is_available() ? "cuda" : "cpu",
        "cpu" or "cuda" => name,
        _ => throw new ArgumentException($"device: '{name}' is not one of {string.Join(", ", Names)}", nameof(name)),
    };

    public static Device ToTorch(string name)
    {
        var resolved = Resolve(name);
        if (resolved == "cuda" && !cuda.is_available())
            throw new ExperimentFailedException("device: cuda was requested but no CUDA device or CUDA libtorch is available; use --device cpu");
        return resolved == "cuda" ? CUDA : CPU;
    }

    /// <summary>
    /// Sets libtorch's intra-op threads for the calling thread's work. Small problems are per-op-overhead bound, and
    /// more threads than the run was given oversubscribe the cores other points use.
    /// </summary>
    public static void UseThreads(int threads)
    {
        NativeHeap.EnsureConfigured();
        var wanted = Math.Max(1, threads);
        if (get_num_threads() != wanted) set_num_threads(wanted);
    }

    /// <summary>Derives independent stream seeds (data, model, ...) from one point seed.</summary>
    public static ulong StreamSeed(int seed, int stream) =>
        unchecked(((ulong)(uint)seed * 0x9E3779B97F4A7C15UL) ^ ((ulong)(stream + 1) * 0xC2B2AE3D27D4EB4FUL));
}
