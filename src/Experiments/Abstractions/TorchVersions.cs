using System.Text.Json;

namespace ContrastiveOrleans.Experiments.Abstractions;

/// <summary>The TorchSharp and libtorch versions a run actually used.</summary>
public static class TorchVersions
{
    private static readonly Lazy<string> LibTorchVersion = new(ReadLibTorch, LazyThreadSafetyMode.ExecutionAndPublication);

    public static string TorchSharp { get; } =
        typeof(global::TorchSharp.torch).Assembly.GetName().Version?.ToString(3) ?? "unknown";

    /// <summary>
    /// The libtorch package this process runs on, e.g. "2.10.0 (libtorch-cpu-linux-x64)". libtorch's binaries carry no
    /// version string and TorchSharp's <c>torch.__version__</c> is the version it was built against, a constant; the
    /// application's dependency manifest (deps.json) names the native package actually deployed and loaded.
    /// </summary>
    public static string LibTorch => LibTorchVersion.Value;

    private static string ReadLibTorch()
    {
        var packages = new SortedSet<string>(StringComparer.Ordinal);
        // The host names its manifests; an apphost that does not (a test runner) has its own beside the binaries.
        var named = (AppContext.GetData("APP_CONTEXT_DEPS_FILES") as string ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries);
        var files = named.Length > 0 ? named : Directory.EnumerateFiles(AppContext.BaseDirectory, "*.deps.json");
        foreach (var file in files)
        {
            try
            {
                using var document = JsonDocument.Parse(File.ReadAllBytes(file));
                if (!document.RootElement.TryGetProperty("libraries", out var libraries)) continue;
                foreach (var library in libraries.EnumerateObject())
                {
                    var slash = library.Name.IndexOf('/', StringComparison.Ordinal);
                    if (slash > 0 && library.Name.StartsWith("libtorch-", StringComparison.Ordinal))
                    {
                        packages.Add($"{library.Name[(slash + 1)..]} ({library.Name[..slash]})");
                    }
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
            {
                // A manifest that cannot be read names nothing; the fallback below still says something true.
            }
        }
        return packages.Count > 0 ? string.Join(", ", packages) : $"unknown (TorchSharp built for {BuiltFor()})";
    }

    private static string BuiltFor()
    {
        try
        {
            return global::TorchSharp.torch.__version__;
        }
        catch (Exception e) when (e is DllNotFoundException or TypeInitializationException or EntryPointNotFoundException)
        {
            return "an unknown version";
        }
    }
}
