using System.Text.Json;
using ContrastiveOrleans.Grains.Contracts;

namespace ContrastiveOrleans.Grains.Storage;

/// <summary>One JSON file per point id in a directory; writes go to a temp file and are renamed into place.</summary>
public sealed class FileResultStore : IResultStore
{
    public FileResultStore(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory = Path.GetFullPath(directory);
    }

    public string Directory { get; }

    public async Task<PointResult?> TryGet(string pointId, CancellationToken cancellationToken)
    {
        var path = PathOf(pointId);
        if (!File.Exists(path)) return null;
        try
        {
            await using var stream = File.OpenRead(path);
            using var document = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken).ConfigureAwait(false);
            var result = PointResultJson.Read(document.RootElement);
            return result.Id == pointId ? result with { Cached = false } : null;
        }
        catch (Exception e) when (e is JsonException or FormatException or KeyNotFoundException or InvalidOperationException or IOException)
        {
            // A damaged entry is treated as missing: the point is recomputed and the file replaced.
            return null;
        }
    }

    public async Task Put(PointResult result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        var path = PathOf(result.Id);
        System.IO.Directory.CreateDirectory(Directory);
        var temp = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            await File.WriteAllTextAsync(temp, PointResultJson.ToJson(result with { Cached = false }), cancellationToken).ConfigureAwait(false);
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    private string PathOf(string pointId)
    {
        // Ids are hex hashes; anything else could escape the directory.
        if (string.IsNullOrEmpty(pointId) || !pointId.All(char.IsAsciiHexDigit))
        {
            throw new ArgumentException($"point id '{pointId}' is not a hex hash", nameof(pointId));
        }
        return Path.Combine(Directory, pointId + ".json");
    }
}
