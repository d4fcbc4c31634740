using System.Globalization;
using System.Threading.Channels;
using Microsoft.Win32.SafeHandles;

namespace ContrastiveOrleans.Grains.Storage;

/// <summary>
/// Appends results to this writer's own segment with group commit: whatever is queued while one write runs goes down
/// in the next single write, so concurrent points cost one system call, not one file each.
/// </summary>
internal sealed class ResultSegmentWriter : IAsyncDisposable, IDisposable
{
    /// <summary>Rolled over beyond this, so no segment is too large to scan in one read.</summary>
    private const long SegmentLimit = 64L << 20;
    private const int MaxBatch = 4096;

    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly string _directory;
    private readonly Action<ResultSegment, long, int, string, bool> _written;
    private readonly Task _loop;
    private SafeFileHandle? _handle;
    private ResultSegment? _segment;
    private long _length;

    /// <param name="written">Called after a line is on disk: segment, offset, length, id, done.</param>
    public ResultSegmentWriter(string directory, Action<ResultSegment, long, int, string, bool> written)
    {
        _directory = directory;
        _written = written;
        _loop = Task.Run(Loop);
    }

    /// <summary>Completes once the line is written (in the page cache, like a renamed file would be).</summary>
    public Task Append(byte[] line, string id, bool done)
    {
        var pending = new Pending(line, id, done, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_queue.Writer.TryWrite(pending)) throw new ObjectDisposedException(nameof(FileResultStore), "the result store is closed");
        return pending.Written.Task;
    }

    private async Task Loop()
    {
        var batch = new List<Pending>();
        var buffer = new MemoryStream();
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            buffer.SetLength(0);
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var pending))
            {
                batch.Add(pending);
                buffer.Write(pending.Line);
            }
            try
            {
                var (segment, handle) = Segment();
                var start = _length;
                RandomAccess.Write(handle, buffer.GetBuffer().AsSpan(0, (int)buffer.Length), start);
                _length += buffer.Length;
                var offset = start;
                foreach (var p in batch)
                {
                    // The index skips the trailing '\n'.
                    _written(segment, offset, p.Line.Length - 1, p.Id, p.Done);
                    offset += p.Line.Length;
                }
                foreach (var p in batch) p.Written.TrySetResult();
            }
#pragma warning disable CA1031 // The failure belongs to the callers waiting on this batch; the next batch tries again.
            catch (Exception e)
#pragma warning restore CA1031
            {
                // A partial write leaves bytes of unknown extent: continue in a fresh segment.
                _handle?.Dispose();
                _handle = null;
                foreach (var p in batch) p.Written.TrySetException(e);
            }
        }
        _handle?.Dispose();
    }

    private (ResultSegment, SafeFileHandle) Segment()
    {
        // A store deleted under a running process gets a new segment, not lines appended to an unlinked file.
        if (_handle is not null && _segment is not null && _length < SegmentLimit && File.Exists(_segment.Path)) return (_segment, _handle);
        _handle?.Dispose();
        Directory.CreateDirectory(_directory);
        var name = string.Create(CultureInfo.InvariantCulture,
            $"{DateTime.UtcNow:yyyyMMdd'T'HHmmss}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}{FileResultStore.SegmentExtension}");
        var path = Path.Combine(_directory, name);
        _handle = File.OpenHandle(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read | FileShare.Delete);
        _segment = new ResultSegment(path);
        _length = 0;
        return (_segment, _handle);
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
    }

    /// <summary>Hosts that dispose synchronously still get every queued line written.</summary>
    public void Dispose()
    {
        _queue.Writer.TryComplete();
        _loop.GetAwaiter().GetResult();
    }

    private sealed record Pending(byte[] Line, string Id, bool Done, TaskCompletionSource Written);
}
