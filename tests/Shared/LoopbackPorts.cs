using System.Net;
using System.Net.Sockets;

namespace ContrastiveOrleans.Testing;

/// <summary>
/// Loopback ports for the child processes (Azurite, silos) that tests and benchmarks start, below the kernel's
/// ephemeral range when it can: a port the kernel picks (bind to 0) is one it also hands out to outgoing connections, so
/// between reading it and a child binding it a silo's or the storage client's connection can take it (Azurite then
/// exits with EADDRINUSE, a silo refuses its port); fixed ports inside that range collide the same way. Compiled into
/// Cluster.Tests and the bench as a linked source file.
/// </summary>
internal static class LoopbackPorts
{
    private const int Lowest = 10_000;
    private static readonly HashSet<int> Given = [];
    private static readonly Lock Gate = new();

    /// <summary>A port nothing listens on now and this process has not handed out before.</summary>
    public static int Free()
    {
        var ephemeralLow = EphemeralLow();
        if (ephemeralLow > Lowest + 1000)
        {
            lock (Gate)
            {
                for (var attempt = 0; attempt < 200; attempt++)
                {
                    var port = Random.Shared.Next(Lowest, ephemeralLow);
                    if (Given.Contains(port) || !Bindable(port)) continue;
                    Given.Add(port);
                    return port;
                }
            }
        }
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static int EphemeralLow()
    {
        try
        {
            var range = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            return int.Parse(range[0], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return 0;
        }
    }

    private static bool Bindable(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
