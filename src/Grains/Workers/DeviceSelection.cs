namespace ContrastiveOrleans.Grains.Workers;

/// <summary>Resolves "auto" to "cuda" when torch sees a GPU, else "cpu".</summary>
public static class DeviceSelection
{
    private static readonly Lazy<bool> CudaAvailable = new(() =>
    {
        try
        {
            return TorchSharp.torch.cuda.is_available();
        }
        catch (Exception e) when (e is DllNotFoundException or TypeInitializationException or NotSupportedException)
        {
            return false;
        }
    });

    public static string Resolve(string device) => device == "auto" ? (CudaAvailable.Value ? "cuda" : "cpu") : device;
}
