using ContrastiveOrleans.Experiments.Abstractions;
using ContrastiveOrleans.Sweeps;

namespace ContrastiveOrleans.Client;

/// <summary>Reads, validates and expands a sweep file; every failure is a <see cref="SweepSpecException"/>.</summary>
public static class SpecLoader
{
    public static async Task<SweepPlan> LoadAsync(string path, ExperimentCatalog catalog, CancellationToken cancellationToken)
    {
        string text;
        try
        {
            text = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            var reason = e switch
            {
                FileNotFoundException or DirectoryNotFoundException => "file not found",
                UnauthorizedAccessException => "permission denied",
                _ => e.Message,
            };
            throw new SweepSpecException(new SpecError("SPEC", $"cannot read '{path}': {reason}"));
        }
        return SweepExpander.Expand(new SweepSpecParser(catalog).Parse(text));
    }
}
