using ContrastiveOrleans.Experiments.Abstractions;
using ContrastiveOrleans.Grains.Storage;
using ContrastiveOrleans.Grains.Workers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Configuration;

namespace ContrastiveOrleans.Grains.Hosting;

/// <summary>Registers the sweep engine's silo services; shared by the Silo host, the CLI's embedded silo and tests.</summary>
public static class ContrastiveSweepsServiceCollectionExtensions
{
    public static IServiceCollection AddContrastiveSweeps(this IServiceCollection services, Action<ContrastiveSweepsOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = new ContrastiveSweepsOptions();
        configure?.Invoke(options);
        services.Configure<WorkerPoolOptions>(o =>
        {
            o.Slots = options.Workers;
            o.ThreadsPerPoint = options.ThreadsPerPoint;
            o.ConfigureTorchThreads = options.ConfigureTorchThreads;
        });
        // A cancelled point call completes when the point has stopped and answered, not when the signal is sent: a
        // cancelled sweep has nothing still running, and a point that finished meanwhile is recorded, not dropped.
        services.Configure<SiloMessagingOptions>(o => o.WaitForCancellationAcknowledgement = true);
        services.TryAddSingleton(ExperimentCatalog.Default);
        services.TryAddSingleton<WorkerPool>();
        services.AddHostedService<WorkerPoolShutdown>();
        // TryAdd: another store (e.g. blob storage) registered first wins.
        services.TryAddSingleton<IResultStore>(_ => new FileResultStore(ResultStoreLocation.Resolve(options.StoreDirectory)));
        services.TryAddSingleton<ISweepArchive>(_ => new FileSweepArchive(ResultStoreLocation.Resolve(options.StoreDirectory)));
        return services;
    }
}
