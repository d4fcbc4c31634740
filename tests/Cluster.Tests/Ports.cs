using System.Net;
using System.Net.Sockets;

namespace ContrastiveOrleans.Cluster.Tests;

/// <summary>Loopback ports: free ones for the processes a test starts, and waiting until one listens.</summary>
internal static class Ports
{
    private const int Lowest = 10_000;
    private static readonly HashSet<int> Given = [];
    private static readonly Lock Gate = new();

    /// <summary>
    /// A loopback port nothing listens on, below the kernel's ephemeral range when it can: a port the kernel picked
    /// (bind to 0) is one it also hands to outgoing connections, so between this test reading it and a child process
    /// binding it, a silo's or the storage client's connection could take it (Azurite then exits with EADDRINUSE; CI saw
    /// it never listen).
    /// </summary>
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

    public static async Task WaitListening(int port, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port, cancellationToken);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100, cancellationToken);
            }
        }
    }
}
