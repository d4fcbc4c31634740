namespace ContrastiveOrleans.Grains.Storage;

/// <summary>The archive beside a <see cref="FileResultStore"/>: <c>{store}/sweeps/{sha256(sweep id)}/{file}</c>.</summary>
public sealed class FileSweepArchive(string storeDirectory) : ISweepArchive
{
    public async Task PutSweepFile(string sweepId, string fileName, string content, CancellationToken cancellationToken)
    {
        if (!SweepArchiveFiles.IsKnown(fileName)) throw new ArgumentException($"'{fileName}' is not an archive file", nameof(fileName));
        var folder = Path.Combine(storeDirectory, SweepArchiveFiles.Folder(sweepId));
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, fileName);
        var temp = $"{path}.{Guid.NewGuid():N}.tmp";
        await File.WriteAllTextAsync(temp, content, cancellationToken).ConfigureAwait(false);
        File.Move(temp, path, overwrite: true);
    }
}
