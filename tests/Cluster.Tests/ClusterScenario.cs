namespace ContrastiveOrleans.Cluster.Tests;

/// <summary>Where every failover test starts: a workspace, an Azurite of its own and silo processes running on it.</summary>
internal sealed class ClusterScenario : IAsyncDisposable
{
    private ClusterScenario(Workspace work, Azurite azurite, TestCluster cluster) => (Work, Azurite, Cluster) = (work, azurite, cluster);

    public Workspace Work { get; }

    public Azurite Azurite { get; }

    public TestCluster Cluster { get; }

    /// <param name="azuriteOnDisk">Keep the emulator's data across a kill (storage-outage tests).</param>
    public static async Task<ClusterScenario> StartAsync(int silos, bool azuriteOnDisk = false)
    {
        var work = new Workspace();
        var azurite = await Azurite.StartAsync(azuriteOnDisk);
        var scenario = new ClusterScenario(work, azurite, new TestCluster(azurite));
        try
        {
            await scenario.Cluster.StartSilos(silos);
            return scenario;
        }
        catch
        {
            await scenario.DisposeAsync();
            throw;
        }
    }

    public void Deconstruct(out Workspace work, out Azurite azurite, out TestCluster cluster) => (work, azurite, cluster) = (Work, Azurite, Cluster);

    public async ValueTask DisposeAsync()
    {
        await Cluster.DisposeAsync();
        await Azurite.DisposeAsync();
        Work.Dispose();
    }
}
