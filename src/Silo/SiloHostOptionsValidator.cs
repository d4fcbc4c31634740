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
        if (options.SiloPort is < 1 or > 65535) errors.Add($"{p}:SiloPort: {options.SiloPort} is outside [1, 65535]");
        if (options.GatewayPort is < 1 or > 65535) errors.Add($"{p}:GatewayPort: {options.GatewayPort} is outside [1, 65535]");
        if (options.SiloPort == options.GatewayPort) errors.Add($"{p}:GatewayPort: {options.GatewayPort} equals SiloPort; use two ports");
        if (string.IsNullOrWhiteSpace(options.ClusterId)) errors.Add($"{p}:ClusterId: must not be empty");
        if (string.IsNullOrWhiteSpace(options.ServiceId)) errors.Add($"{p}:ServiceId: must not be empty");
        if (options.Workers < 0) errors.Add($"{p}:Workers: {options.Workers} must be 0 (auto) or more");
        if (options.ThreadsPerPoint < 1) errors.Add($"{p}:ThreadsPerPoint: {options.ThreadsPerPoint} must be at least 1");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
