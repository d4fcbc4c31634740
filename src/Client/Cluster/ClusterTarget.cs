namespace ContrastiveOrleans.Client.Cluster;

/// <summary>
/// Which cluster `--cluster VALUE` means. VALUE is <c>localhost</c> (a silo with localhost clustering, gateway 30000,
/// or <c>localhost:PORT</c>), a NAME whose Azure Storage connection string is in <c>$CONTRASTIVE_CLUSTER_&lt;NAME&gt;</c>
/// (upper case, '-' and '.' as '_'), or a connection string itself (anything with '=': visible in the process list,
/// so prefer a name). Without --cluster, <c>$CONTRASTIVE_CLUSTER</c> gives VALUE. Cluster and service ids default
/// to "contrastive", as on the silo; <c>$CONTRASTIVE_CLUSTER_ID</c> and <c>$CONTRASTIVE_SERVICE_ID</c> override them.
/// </summary>
public sealed record ClusterTarget(string Display, string? ConnectionString, int? LocalhostGateway, string ClusterId, string ServiceId)
{
    public const string DefaultVariable = "CONTRASTIVE_CLUSTER";
    public const string NamePrefix = "CONTRASTIVE_CLUSTER_";

    /// <summary>Display never contains the connection string: it is what messages may print.</summary>
    public override string ToString() => Display;

    public static ClusterTarget Resolve(string? value, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (string.IsNullOrWhiteSpace(value)) value = environment(DefaultVariable);
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new UsageException($"--cluster: missing; give localhost, a NAME with ${NamePrefix}<NAME> set, or set ${DefaultVariable}");
        }
        var clusterId = Id(environment("CONTRASTIVE_CLUSTER_ID"), "CONTRASTIVE_CLUSTER_ID");
        var serviceId = Id(environment("CONTRASTIVE_SERVICE_ID"), "CONTRASTIVE_SERVICE_ID");
        if (value == "localhost") return new ClusterTarget("localhost:30000", null, 30000, clusterId, serviceId);
        if (value.StartsWith("localhost:", StringComparison.Ordinal))
        {
            var port = value["localhost:".Length..];
            return int.TryParse(port, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var p) && p is >= 1 and <= 65535
                ? new ClusterTarget(value, null, p, clusterId, serviceId)
                : throw new UsageException($"--cluster: '{port}' is not a port in [1, 65535]");
        }
        if (value.Contains('=', StringComparison.Ordinal))
        {
            return IsConnectionString(value)
                ? new ClusterTarget("(connection string)", value, null, clusterId, serviceId)
                : throw new UsageException("--cluster: not a valid Azure Storage connection string (value not shown); give AccountName=...;AccountKey=... or a NAME");
        }
        if (!value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            throw new UsageException("--cluster: a cluster name has only letters, digits, '-', '_' and '.'; or give localhost or a connection string");
        }
        var variable = NamePrefix + value.ToUpperInvariant().Replace('-', '_').Replace('.', '_');
        var connection = environment(variable);
        if (string.IsNullOrWhiteSpace(connection))
        {
            throw new UsageException($"--cluster: {value}: ${variable} is not set; set it to the cluster's Azure Storage connection string");
        }
        return IsConnectionString(connection)
            ? new ClusterTarget(value, connection, null, clusterId, serviceId)
            : throw new UsageException($"--cluster: {value}: ${variable} is not a valid Azure Storage connection string (value not shown)");
    }

    /// <summary>Malformed input is bad input (exit 2), not an unreachable cluster (exit 3): the SDK's own parser decides.</summary>
    private static bool IsConnectionString(string value)
    {
        try
        {
            _ = new Azure.Data.Tables.TableServiceClient(value);
            return true;
        }
        catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException or UriFormatException)
        {
            return false;
        }
    }

    private static string Id(string? value, string variable) =>
        value is null ? "contrastive"
        : string.IsNullOrWhiteSpace(value) ? throw new UsageException($"${variable}: must not be empty when set")
        : value;
}
