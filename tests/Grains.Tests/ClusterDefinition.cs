namespace ContrastiveOrleans.Grains.Tests;

[CollectionDefinition(Name)]
public sealed class ClusterDefinition : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
