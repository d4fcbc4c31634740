using System.Net;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using ContrastiveOrleans.Grains.Durability;
using ContrastiveOrleans.Grains.Hosting;
using ContrastiveOrleans.Grains.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Storage;

namespace ContrastiveOrleans.Silo;

/// <summary>Turns validated <see cref="SiloHostOptions"/> into Orleans providers: clustering, sweep state, reminders, result store.</summary>
public static class SiloSetup
{
    /// <summary>Membership tuning (probe timeout, missed probes, votes) binds from this section, e.g. for fast failure detection.</summary>
    public const string MembershipSection = "Contrastive:Membership";

    public static void Configure(ISiloBuilder silo, SiloHostOptions options, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(configuration);
        silo.Configure<ClusterMembershipOptions>(configuration.GetSection(MembershipSection));
        if (options.Clustering == "AzureTable")
        {
            silo.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = options.ClusterId;
                o.ServiceId = options.ServiceId;
            });
            silo.ConfigureEndpoints(IPAddress.Parse(options.Address), options.SiloPort, options.GatewayPort, listenOnAnyHostAddress: false);
            silo.UseAzureStorageClustering(o => o.TableServiceClient = TableClient(options));
            silo.UseAzureTableReminderService(o => o.TableServiceClient = TableClient(options));
        }
        else
        {
            // Localhost clustering binds loopback only: a single machine, no external service.
            silo.UseLocalhostClustering(options.SiloPort, options.GatewayPort, serviceId: options.ServiceId, clusterId: options.ClusterId);
            silo.UseInMemoryReminderService();
        }
        if (options.GrainStorage == "AzureBlob")
        {
            silo.AddAzureBlobGrainStorage(SweepStorage.ProviderName, builder => builder.Configure<IServiceProvider>((o, services) =>
            {
                o.BlobServiceClient = BlobClient(options);
                o.ContainerName = options.StateContainer;
                // Orleans' binary format round-trips the generated record types exactly (JSON would need converters).
                o.GrainStorageSerializer = new OrleansGrainStorageSerializer(services.GetRequiredService<Orleans.Serialization.Serializer>());
            }));
        }
        if (options.ResultStore == "AzureBlob")
        {
            var store = new BlobResultStore(BlobClient(options).GetBlobContainerClient(options.ResultContainer));
            silo.Services.AddSingleton<IResultStore>(store);
            silo.Services.AddSingleton<ISweepArchive>(store);
        }
        silo.AddContrastiveSweeps(o =>
        {
            o.StoreDirectory = options.StoreDirectory;
            o.Workers = options.Workers;
            o.ThreadsPerPoint = options.ThreadsPerPoint;
        });
    }

    private static BlobServiceClient BlobClient(SiloHostOptions options) =>
        new(options.AzureStorage, AzureRetry.Configure(new BlobClientOptions()));

    private static TableServiceClient TableClient(SiloHostOptions options) =>
        new(options.AzureStorage, AzureRetry.Configure(new TableClientOptions()));
}
