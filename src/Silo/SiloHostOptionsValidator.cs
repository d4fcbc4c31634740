using System.Net;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Options;

namespace ContrastiveOrleans.Silo;

/// <summary>Rejects a configuration the silo could not run with, naming the key and the allowed values.</summary>
public sealed class SiloHostOptionsValidator : IValidateOptions<SiloHostOptions>
{
    public ValidateOptionsResult Validate(string? name, SiloHostOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        const string p = SiloHostOptions.Section;
        Choice(errors, "Clustering", options.Clustering, SiloHostOptions.ClusteringKinds);
        Choice(errors, "GrainStorage", options.GrainStorage, SiloHostOptions.GrainStorageKinds);
        Choice(errors, "ResultStore", options.ResultStore, SiloHostOptions.ResultStoreKinds);
        if (options.UsesAzure)
        {
            if (string.IsNullOrWhiteSpace(options.AzureStorage)) errors.Add($"{p}:AzureStorage: required for Azure clustering or storage; give a connection string (e.g. from a secret as {p}__AzureStorage)");
            else if (!IsConnectionString(options.AzureStorage)) errors.Add($"{p}:AzureStorage: not a valid Azure Storage connection string (value not shown)");
        }
        if (options.Clustering == "AzureTable" && options.GrainStorage == "Memory")
        {
            errors.Add($"{p}:GrainStorage: Memory loses sweeps when a silo of a multi-silo cluster dies; use AzureBlob with AzureTable clustering");
        }
        ContainerName(errors, "ResultContainer", options.ResultContainer);
        ContainerName(errors, "StateContainer", options.StateContainer);
        if (!IPAddress.TryParse(options.Address, out _)) errors.Add($"{p}:Address: '{options.Address}' is not an IP address (default 127.0.0.1; 0.0.0.0 is not advertisable)");
        else if (IPAddress.Parse(options.Address).Equals(IPAddress.Any)) errors.Add($"{p}:Address: 0.0.0.0 cannot be advertised to other silos; give this host's address");
        if (options.SiloPort is < 1 or > 65535) errors.Add($"{p}:SiloPort: {options.SiloPort} is outside [1, 65535]");
        if (options.GatewayPort is < 1 or > 65535) errors.Add($"{p}:GatewayPort: {options.GatewayPort} is outside [1, 65535]");
        if (options.SiloPort == options.GatewayPort) errors.Add($"{p}:GatewayPort: {options.GatewayPort} equals SiloPort; use two ports");
        if (string.IsNullOrWhiteSpace(options.ClusterId)) errors.Add($"{p}:ClusterId: must not be empty");
        if (string.IsNullOrWhiteSpace(options.ServiceId)) errors.Add($"{p}:ServiceId: must not be empty");
        if (options.Workers < 0) errors.Add($"{p}:Workers: {options.Workers} must be 0 (auto) or more");
        if (options.ThreadsPerPoint < 1) errors.Add($"{p}:ThreadsPerPoint: {options.ThreadsPerPoint} must be at least 1");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void Choice(List<string> errors, string key, string value, string[] allowed)
    {
        if (!allowed.Contains(value, StringComparer.Ordinal)) errors.Add($"{SiloHostOptions.Section}:{key}: '{value}' is not one of {string.Join(", ", allowed)}");
    }

    /// <summary>Azure container rules: 3-63 characters, lowercase letters, digits and single hyphens.</summary>
    private static void ContainerName(List<string> errors, string key, string value)
    {
        var ok = value is { Length: >= 3 and <= 63 } && value.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')
            && char.IsAsciiLetterOrDigit(value[0]) && char.IsAsciiLetterOrDigit(value[^1]) && !value.Contains("--", StringComparison.Ordinal);
        if (!ok) errors.Add($"{SiloHostOptions.Section}:{key}: '{value}' is not a container name (3-63 lowercase letters, digits, single hyphens)");
    }

    private static bool IsConnectionString(string value)
    {
        try
        {
            _ = new BlobServiceClient(value);
            return true;
        }
        catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }
}
