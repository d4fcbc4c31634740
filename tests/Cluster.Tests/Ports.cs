using System.Net;
using System.Net.Sockets;

namespace ContrastiveOrleans.Cluster.Tests;

/// <summary>Loopback ports: free ones for the processes a test starts, and waiting until one listens.</summary>
internal static class Ports
{
    /// <summary>A free loopback port for a child process (see <see cref="Testing.LoopbackPorts"/>).</summary>
    public static int Free() => Testing.LoopbackPorts.Free();

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
