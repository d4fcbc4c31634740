using System.Text;
using ContrastiveOrleans.Experiments.Abstractions;
using ContrastiveOrleans.Sweeps;

namespace ContrastiveOrleans.Client;

/// <summary>Reads, validates and expands a sweep file; every failure is a <see cref="SweepSpecException"/>.</summary>
public static class SpecLoader
{
    public static Task<SweepPlan> LoadAsync(string path, ExperimentCatalog catalog, CancellationToken cancellationToken) =>
        LoadAsync(path, [], catalog, cancellationToken);

    /// <param name="overrides">PATH=VALUE changes applied to the file before it is checked (see SpecOverrides).</param>
    public static async Task<SweepPlan> LoadAsync(string path, IReadOnlyList<string> overrides, ExperimentCatalog catalog, CancellationToken cancellationToken) =>
        SweepExpander.Expand(await ParseAsync(path, overrides, catalog, cancellationToken).ConfigureAwait(false));

    public static async Task<SweepSpec> ParseAsync(string path, IReadOnlyList<string> overrides, ExperimentCatalog catalog, CancellationToken cancellationToken) =>
        new SweepSpecParser(catalog).Parse(await ReadAsync(path, "SPEC", cancellationToken).ConfigureAwait(false), overrides);

    /// <summary>
    /// The text of a sweep file, read with a bound: <c>/dev/zero</c>, a FIFO or a 5 GB file is refused after
    /// <see cref="SpecLimits.MaxFileBytes"/> bytes, not read to the end. <paramref name="field"/> names it in errors.
    /// </summary>
    public static async Task<string> ReadAsync(string path, string field, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Length == 0) throw new SweepSpecException(new SpecError(field, "empty path; give the path of a sweep file"));
        if (Directory.Exists(path)) throw new SweepSpecException(new SpecError(field, $"'{path}' is a directory; give the path of a sweep file"));
        var content = new MemoryStream();
        try
        {
            var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.SequentialScan);
            await using (stream.ConfigureAwait(false))
            {
                // Chunked up to the limit whatever the file claims: /dev/zero reports a length of 0 and never ends.
                var chunk = new byte[81920];
                int read;
                while (content.Length <= SpecLimits.MaxFileBytes && (read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    content.Write(chunk, 0, read);
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            var reason = e switch
            {
                FileNotFoundException or DirectoryNotFoundException => "file not found",
                UnauthorizedAccessException => "permission denied",
                _ => FirstLine(e.Message),
            };
            throw new SweepSpecException(new SpecError(field, $"cannot read '{path}': {reason}"));
        }
        if (content.Length > SpecLimits.MaxFileBytes)
        {
            throw new SweepSpecException(new SpecError(field, $"'{path}' is larger than {SpecLimits.Bytes(SpecLimits.MaxFileBytes)}, the limit for a sweep file"));
        }
        try
        {
            var text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(content.GetBuffer(), 0, (int)content.Length);
            return text.StartsWith('\uFEFF') ? text[1..] : text;
        }
        catch (DecoderFallbackException)
        {
            throw new SweepSpecException(new SpecError(field, $"'{path}' is not UTF-8 text; give a YAML sweep file"));
        }
    }

    private static string FirstLine(string message) => message.Split('\n')[0].Trim();
}
