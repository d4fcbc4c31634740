using System.Text;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using ContrastiveOrleans.Grains.Contracts;

namespace ContrastiveOrleans.Grains.Storage;

/// <summary>
/// Results in Azure Blob Storage: one blob per point id (<c>points/{id}.json</c>), created with If-None-Match: * so a
/// done result is stored exactly once even when two silos finish the same point (a re-dispatch after a silo death).
/// A stored failed result is replaced by a later run's result under If-Match on its ETag, retried on a lost race.
/// </summary>
public sealed class BlobResultStore(BlobContainerClient container) : IResultStore, ISweepArchive
{
    private const int MaxConflictRetries = 5;
    private Task? _creating;

    public BlobContainerClient Container { get; } = container;

    public async Task<PointResult?> TryGet(string pointId, CancellationToken cancellationToken) =>
        (await Read(pointId, cancellationToken).ConfigureAwait(false)).Result;

    public async Task Put(PointResult result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        await EnsureContainer(cancellationToken).ConfigureAwait(false);
        var blob = Container.GetBlobClient(PointBlobName(result.Id));
        var content = BinaryData.FromString(PointResultJson.ToJson(result with { Cached = false }));
        var conditions = new BlobRequestConditions { IfNoneMatch = ETag.All };
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await blob.UploadAsync(content, new BlobUploadOptions { Conditions = conditions }, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (RequestFailedException e) when (e.ErrorCode == "ContainerNotFound" && attempt < MaxConflictRetries)
            {
                // Deleted behind our back (or lost by an emulator restart): create it again.
                _creating = null;
                await EnsureContainer(cancellationToken).ConfigureAwait(false);
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412 && attempt < MaxConflictRetries)
            {
                // Someone stored this point first. A done result is final; anything else gives way to ours.
                var (stored, etag) = await Read(result.Id, cancellationToken).ConfigureAwait(false);
                if (stored is { Status: PointStatus.Done }) return;
                conditions = etag is { } current ? new BlobRequestConditions { IfMatch = current } : new BlobRequestConditions { IfNoneMatch = ETag.All };
            }
        }
    }

    public async Task PutSweepFile(string sweepId, string fileName, string content, CancellationToken cancellationToken)
    {
        if (!SweepArchiveFiles.IsKnown(fileName)) throw new ArgumentException($"'{fileName}' is not an archive file", nameof(fileName));
        await EnsureContainer(cancellationToken).ConfigureAwait(false);
        var blob = Container.GetBlobClient($"{SweepArchiveFiles.Folder(sweepId)}/{fileName}");
        try
        {
            await blob.UploadAsync(BinaryData.FromString(content), overwrite: true, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.ErrorCode == "ContainerNotFound")
        {
            _creating = null;
            await EnsureContainer(cancellationToken).ConfigureAwait(false);
            await blob.UploadAsync(BinaryData.FromString(content), overwrite: true, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Ids are hex hashes; blob names are built from nothing else.</summary>
    public static string PointBlobName(string pointId) =>
        string.IsNullOrEmpty(pointId) || !pointId.All(char.IsAsciiHexDigit)
            ? throw new ArgumentException($"point id '{pointId}' is not a hex hash", nameof(pointId))
            : $"points/{pointId}.json";

    private async Task<(PointResult? Result, ETag? ETag)> Read(string pointId, CancellationToken cancellationToken)
    {
        var blob = Container.GetBlobClient(PointBlobName(pointId));
        BlobDownloadResult download;
        try
        {
            download = (await blob.DownloadContentAsync(cancellationToken).ConfigureAwait(false)).Value;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return (null, null);
        }
        try
        {
            using var document = JsonDocument.Parse(Encoding.UTF8.GetString(download.Content.ToMemory().Span));
            var result = PointResultJson.Read(document.RootElement);
            return (result.Id == pointId ? result with { Cached = false } : null, download.Details.ETag);
        }
        catch (Exception e) when (e is JsonException or FormatException or KeyNotFoundException or InvalidOperationException)
        {
            // A damaged entry is treated as missing: the point is recomputed and the blob replaced.
            return (null, download.Details.ETag);
        }
    }

    /// <summary>Created once per process; two racing creations are harmless, a failed one is tried again next time.</summary>
    private async Task EnsureContainer(CancellationToken cancellationToken)
    {
        var creating = _creating ??= Container.CreateIfNotExistsAsync(cancellationToken: CancellationToken.None);
        try
        {
            await creating.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException)
        {
            _ = Interlocked.CompareExchange(ref _creating, null, creating);
            throw;
        }
    }
}
