namespace ContrastiveOrleans.Cluster.Tests;

/// <summary>One in-memory Azurite shared by a test class's fast storage tests.</summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private Azurite? _azurite;

    public Azurite Azurite => _azurite ?? throw new InvalidOperationException("Azurite did not start");

    public async ValueTask InitializeAsync() => _azurite = await Azurite.StartAsync();

    public async ValueTask DisposeAsync()
    {
        if (_azurite is not null) await _azurite.DisposeAsync();
    }
}
