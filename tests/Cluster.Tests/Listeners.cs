using System.Globalization;

namespace ContrastiveOrleans.Cluster.Tests;

/// <summary>Which local addresses listen on a TCP port, from /proc/net/tcp and tcp6 (Linux).</summary>
internal static class Listeners
{
    private const string Listen = "0A";

    /// <summary>Addresses as the kernel prints them: IPv4 "0100007F" is 127.0.0.1, "00000000" is any.</summary>
    public static List<string> On(int port)
    {
        var addresses = new List<string>();
        foreach (var file in new[] { "/proc/net/tcp", "/proc/net/tcp6" })
        {
            if (!File.Exists(file)) continue;
            foreach (var line in File.ReadLines(file).Skip(1))
            {
                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                var local = fields[1].Split(':');
                if (fields[3] == Listen && int.Parse(local[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture) == port) addresses.Add(local[0]);
            }
        }
        return addresses;
    }

    public static bool IsLoopback(string address) =>
        address is "0100007F" // 127.0.0.1
            or "00000000000000000000000001000000" // ::1
            or "0000000000000000FFFF00000100007F"; // ::ffff:127.0.0.1
}
