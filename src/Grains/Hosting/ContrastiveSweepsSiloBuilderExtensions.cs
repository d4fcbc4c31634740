using ContrastiveOrleans.Grains.Durability;
using ContrastiveOrleans.Grains.Placement;
using Orleans.Storage;

namespace ContrastiveOrleans.Grains.Hosting;

/// <summary>The engine on a silo: its services, and sweep state in Orleans' memory storage unless the host chose another.</summary>
public static class ContrastiveSweepsSiloBuilderExtensions
{
    /// <summary>
    /// A host that configured durable storage for <see cref="SweepStorage.ProviderName"/> first (the cluster silo's Azure
    /// Blob) keeps it; otherwise state goes to Orleans' own memory storage, which serialises every write as a durable
    /// provider does (so a single machine runs the code path a cluster depends on) and lives as long as the silo.
    /// </summary>
    public static ISiloBuilder AddContrastiveSweeps(this ISiloBuilder silo, Action<ContrastiveSweepsOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(silo);
        silo.Services.AddContrastiveSweeps(configure);
        silo.Services.AddPlacementDirector<ShardSpreadPlacement, ShardSpreadPlacementDirector>();
        var configured = silo.Services.Any(d => d.IsKeyedService && d.ServiceType == typeof(IGrainStorage) && Equals(d.ServiceKey, SweepStorage.ProviderName));
        if (!configured) silo.AddMemoryGrainStorage(SweepStorage.ProviderName);
        return silo;
    }
}
