using System.Collections.Concurrent;
using System.Diagnostics;
using ContrastiveOrleans.Grains;
using ContrastiveOrleans.Grains.Contracts;
using ContrastiveOrleans.Grains.Hosting;
using ContrastiveOrleans.Sweeps;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Orleans.TestingHost;

namespace ContrastiveOrleans.Telemetry.Tests;

/// <summary>
/// One in-process silo (and client) with telemetry on, spans and metrics captured in memory, the probe experiment in
/// its catalog and a temp result store.
/// </summary>
internal sealed class TelemetryCluster : IAsyncDisposable
{
    private readonly string _store = Path.Combine(Path.GetTempPath(), $"contrastive-telemetry-{Guid.NewGuid():N}");
    private readonly List<MetricSnapshot> _metrics = [];

    private TelemetryCluster(InProcessTestCluster cluster) => Cluster = cluster;

    public InProcessTestCluster Cluster { get; }

    /// <summary>Finished spans, in the order they ended.</summary>
    public ConcurrentQueue<Activity> Spans { get; } = new();

    public static async Task<TelemetryCluster> StartAsync(TelemetryOptions options)
    {
        TelemetryCluster? self = null;
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddSingleton(ProbeExperiment.Catalog);
            silo.AddContrastiveSweeps(o =>
            {
                o.StoreDirectory = self!._store;
                o.Workers = 2;
                o.ConfigureTorchThreads = false;
            });
            silo.AddContrastiveTelemetry(options,
                t => t.AddInMemoryExporter(new QueueCollection<Activity>(self!.Spans)),
                m => m.AddInMemoryExporter(self!._metrics));
        });
        builder.ConfigureClient(client => client.AddActivityPropagation());
        self = new TelemetryCluster(builder.Build());
        await self.Cluster.DeployAsync();
        return self;
    }

    public IClusterClient Client => Cluster.Client;

    /// <summary>Collects every instrument now and returns the latest snapshot by name.</summary>
    public IReadOnlyDictionary<string, MetricSnapshot> Metrics()
    {
        var provider = Cluster.Silos[0].ServiceProvider.GetRequiredService<MeterProvider>();
        lock (_metrics)
        {
            _metrics.Clear();
            Assert.True(provider.ForceFlush(5000), "metrics flush timed out");
            return _metrics.GroupBy(m => m.Name).ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);
        }
    }

    public static SweepPlan Plan(string yaml) => SweepExpander.Expand(new SweepSpecParser(ProbeExperiment.Catalog).Parse(yaml));

    /// <summary>Starts the plan as a new sweep and polls it to the end.</summary>
    public async Task<(ISweepGrain Grain, SweepProgress Progress)> Run(SweepPlan plan)
    {
        var grain = Client.GetGrain<ISweepGrain>(plan.NewRunId());
        var progress = await grain.Start(plan.ToDefinition(grain.GetPrimaryKeyString()));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!progress.IsFinal)
        {
            await Task.Delay(20, timeout.Token);
            progress = await grain.GetProgress();
        }
        return (grain, progress);
    }

    public async ValueTask DisposeAsync()
    {
        await Cluster.DisposeAsync();
        if (Directory.Exists(_store)) Directory.Delete(_store, recursive: true);
    }

    /// <summary>The in-memory exporter wants an ICollection; a queue takes concurrent adds from span ends.</summary>
    private sealed class QueueCollection<T>(ConcurrentQueue<T> queue) : ICollection<T>
    {
        public int Count => queue.Count;
        public bool IsReadOnly => false;
        public void Add(T item) => queue.Enqueue(item);
        public void Clear() => queue.Clear();
        public bool Contains(T item) => queue.Contains(item);
        public void CopyTo(T[] array, int arrayIndex) => queue.CopyTo(array, arrayIndex);
        public bool Remove(T item) => throw new NotSupportedException();
        public IEnumerator<T> GetEnumerator() => queue.GetEnumerator();
        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
