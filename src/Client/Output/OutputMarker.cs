using System.Text.Json;
using System.Text.RegularExpressions;

namespace ContrastiveOrleans.Client.Output;

/// <summary>
/// <c>DIR/.contrastive-output</c>: proof that contrastive made DIR, and the list of every file it wrote there
/// (relative paths). A directory is replaced or rewritten only when all it holds is on that list, so a file a user
/// added later (notes, their own plots) is never deleted.
/// </summary>
public static partial class OutputMarker
{
    public const string FileName = ".contrastive-output";
    private const string Tool = "contrastive";

    /// <summary>What an output directory of an earlier version (before the marker) could hold.</summary>
    private static readonly string[] LegacyNames = ["points.jsonl", "curves.csv", "sweep.yaml", "report.html", "plots", "points.csv", "points.parquet"];

    /// <summary>The files listed in DIR's marker; null when DIR has none (or it is not ours).</summary>
    public static HashSet<string>? Read(string directory)
    {
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path)) return null;
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("tool", out var tool) || tool.GetString() != Tool) return null;
            return [.. root.GetProperty("files").EnumerateArray().Select(f => f.GetString() ?? "")];
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException or KeyNotFoundException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>Lists every file under <paramref name="directory"/> in its marker (atomically replaced).</summary>
    public static void Write(string directory) => Write(directory, Files(directory));

    /// <summary>
    /// Lists <paramref name="files"/> (relative paths) in DIR's marker before they are written, creating the marker if
    /// need be: a run killed while writing them leaves nothing the next run would take for a user's file.
    /// </summary>
    public static void Add(string directory, IEnumerable<string> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var listed = Read(directory) ?? [];
        var count = listed.Count;
        listed.UnionWith(files);
        if (listed.Count > count || !File.Exists(Path.Combine(directory, FileName))) Write(directory, listed);
    }

    private static void Write(string directory, IEnumerable<string> files)
    {
        var path = Path.Combine(directory, FileName);
        var temp = Path.Combine(directory, $".{FileName}.tmp-{Guid.NewGuid():N}");
        using (var stream = File.Create(temp))
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteString("tool", Tool);
            writer.WriteString("note", "written by contrastive; the directory is replaced by the next run into it only while it holds nothing but these files");
            writer.WriteStartArray("files");
            foreach (var file in files.Order(StringComparer.Ordinal)) writer.WriteStringValue(file);
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        File.Move(temp, path, overwrite: true);
    }

    /// <summary>Relative paths of every file under <paramref name="directory"/> (directories are implied), the marker excluded.</summary>
    public static IEnumerable<string> Files(string directory) =>
        Directory.EnumerateFiles(directory, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
            .Select(f => Path.GetRelativePath(directory, f))
            .Where(f => f != FileName && !f.StartsWith($".{FileName}.tmp-", StringComparison.Ordinal));

    /// <summary>
    /// The first entry of <paramref name="directory"/> the tool did not write: not on the marker's list, or for a
    /// directory without a marker anything but an earlier version's output names. Null when it holds only ours.
    /// </summary>
    public static string? FirstForeignEntry(string directory)
    {
        var listed = Read(directory);
        var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 };
        if (listed is null)
        {
            // An output of a version before the marker: only its own names, and it has its two main files.
            var top = Directory.EnumerateFileSystemEntries(directory).Select(p => Path.GetFileName(p)).Order(StringComparer.Ordinal).ToList();
            var foreign = top.FirstOrDefault(name => !LegacyNames.Contains(name, StringComparer.Ordinal));
            if (foreign is not null) return foreign;
            if (top.Count > 0 && !(top.Contains("points.jsonl") && top.Contains("sweep.yaml"))) return top[0];
            var plots = Path.Combine(directory, "plots");
            return Directory.Exists(plots)
                ? Directory.EnumerateFileSystemEntries(plots, "*", options)
                    .Select(p => Path.GetRelativePath(directory, p))
                    .FirstOrDefault(p => Directory.Exists(Path.Combine(directory, p)) || !(p.EndsWith(".svg", StringComparison.Ordinal) || p.EndsWith(".png", StringComparison.Ordinal)))
                : File.Exists(plots) ? "plots" : null;
        }
        // The smallest name, so the message does not depend on the filesystem's order.
        string? first = null;
        foreach (var entry in Directory.EnumerateFileSystemEntries(directory, "*", options))
        {
            var relative = Path.GetRelativePath(directory, entry);
            if (relative == FileName || relative.StartsWith($".{FileName}.tmp-", StringComparison.Ordinal)) continue;
            // Directories are judged by what they hold (each entry is visited); an empty one holds nothing to lose.
            if (Directory.Exists(entry) && new FileInfo(entry).LinkTarget is null) continue;
            if (!listed.Contains(relative) && !IsTempOf(relative, listed) && (first is null || string.CompareOrdinal(relative, first) < 0)) first = relative;
        }
        return first;
    }

    /// <summary>A temp file an atomic write of a listed file leaves when killed (".NAME.tmp-GUID" beside NAME).</summary>
    private static bool IsTempOf(string relative, HashSet<string> listed)
    {
        var match = TempPattern().Match(Path.GetFileName(relative));
        if (!match.Success) return false;
        var dir = Path.GetDirectoryName(relative);
        var name = match.Groups["name"].Value;
        return listed.Contains(string.IsNullOrEmpty(dir) ? name : Path.Combine(dir, name));
    }

    [GeneratedRegex(@"^\.(?<name>.+)\.tmp-[0-9a-f]{32}\z")]
    private static partial Regex TempPattern();
}
