using System.Net;
using System.Net.Sockets;

namespace ContrastiveOrleans.Bench.Cluster;

/// <summary>
/// A loopback TCP relay in front of a storage endpoint that counts the bytes sent to it: what the silos and the client
/// write to storage (requests with their headers and bodies), the figure the bytes-per-point target is about.
/// </summary>
public sealed class CountingProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int _upstream;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private long _sent;

    /// <summary>Bytes by request kind (method and comp= of the request line), for diagnosis ($BENCH_LOGS).</summary>
    public System.Collections.Concurrent.ConcurrentDictionary<string, (long Requests, long Bytes)> ByKind { get; } = new();

    public CountingProxy(int upstream)
    {
        _upstream = upstream;
        _listener.Start();
        _accepting = Accept();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Bytes relayed towards the storage endpoint so far.</summary>
    public long BytesSent => Interlocked.Read(ref _sent);

    private async Task Accept()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            _ = Relay(client);
        }
    }

    private async Task Relay(TcpClient client)
    {
        using (client)
        using (var server = new TcpClient())
        {
            try
            {
                client.NoDelay = true;
                server.NoDelay = true;
                await server.ConnectAsync(IPAddress.Loopback, _upstream, _stop.Token);
                var down = Copy(server.GetStream(), client.GetStream(), count: false);
                var up = Copy(client.GetStream(), server.GetStream(), count: true);
                await Task.WhenAny(up, down);
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
            }
        }
    }

    private async Task Copy(NetworkStream from, NetworkStream to, bool count)
    {
        var buffer = new byte[65536];
        var kind = "?";
        while (true)
        {
            var read = await from.ReadAsync(buffer, _stop.Token);
            if (read == 0) return;
            if (count)
            {
                Interlocked.Add(ref _sent, read);
                var head = System.Text.Encoding.ASCII.GetString(buffer, 0, Math.Min(read, 300));
                var isRequest = head.StartsWith("GET ", StringComparison.Ordinal) || head.StartsWith("PUT ", StringComparison.Ordinal)
                    || head.StartsWith("POST ", StringComparison.Ordinal) || head.StartsWith("HEAD ", StringComparison.Ordinal) || head.StartsWith("DELETE ", StringComparison.Ordinal) || head.StartsWith("PATCH ", StringComparison.Ordinal) || head.StartsWith("MERGE ", StringComparison.Ordinal);
                if (isRequest)
                {
                    var line = head.Split('\r')[0];
                    var comp = System.Text.RegularExpressions.Regex.Match(line, @"comp=([a-z]+)").Groups[1].Value;
                    var path = line.Split(' ')[1].Split('?')[0];
                    var area = path.Contains("contrastive-state", StringComparison.Ordinal) ? "state" : path.Contains("contrastive-results", StringComparison.Ordinal) ? "results" : path.Split('/').ElementAtOrDefault(2) ?? "";
                    kind = $"{line.Split(' ')[0]} {area} {comp}";
                }
                ByKind.AddOrUpdate(kind, (isRequest ? 1 : 0, read), (_, v) => (v.Requests + (isRequest ? 1 : 0), v.Bytes + read));
            }
            await to.WriteAsync(buffer.AsMemory(0, read), _stop.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
    }
}
