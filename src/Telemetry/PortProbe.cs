using System.Net;
using System.Net.Sockets;

namespace ContrastiveOrleans.Telemetry;

/// <summary>
/// Whether a TCP port can be listened on now. Checked before a host starts, so a port in use is one line naming the
/// setting instead of a stack trace from deep inside the listener (or, for a second silo on the same ports, a silo
/// that starts anyway and shares the clients of the first). The port could be taken in the moment between the probe
/// and the real bind; that race ends in the listener's own error, as before.
/// </summary>
public static class PortProbe
{
    /// <summary>Null when the port is free (or the host is a name this check does not resolve), else why not.</summary>
    public static string? Problem(string host, int port)
    {
        ArgumentNullException.ThrowIfNull(host);
        var address = host switch
        {
            "localhost" => IPAddress.Loopback,
            "*" or "+" or "0.0.0.0" => IPAddress.Any,
            _ => IPAddress.TryParse(host, out var parsed) ? parsed : null,
        };
        if (address is null) return null;
        try
        {
            using var listener = new TcpListener(address, port);
            listener.Start();
            listener.Stop();
            return null;
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            return $"port {port} on {host} is in use (another process listens there); give a free port";
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.AddressNotAvailable or SocketError.AccessDenied)
        {
            return e.SocketErrorCode == SocketError.AccessDenied
                ? $"port {port} on {host} needs privileges this process lacks; give a port above 1023"
                : $"{host} is not an address of this machine";
        }
    }
}
