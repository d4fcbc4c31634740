using System.Net;
using ContrastiveOrleans.Grains.Placement;

namespace ContrastiveOrleans.Grains.Tests;

/// <summary>The ring rule itself: shard k on the k-th silo after the placing one, in address order.</summary>
public sealed class ShardSpreadPlacementDirectorTests
{
    private static readonly SiloAddress[] Ring =
    [
        SiloAddress.New(new IPEndPoint(IPAddress.Loopback, 11111), 1),
        SiloAddress.New(new IPEndPoint(IPAddress.Loopback, 11112), 1),
        SiloAddress.New(new IPEndPoint(IPAddress.Loopback, 11113), 1),
    ];

    [Theory]
    [InlineData(0, 0, 1)]
    [InlineData(0, 1, 2)]
    [InlineData(0, 2, 0)]
    [InlineData(1, 0, 2)]
    [InlineData(1, 1, 0)]
    [InlineData(1, 2, 1)]
    [InlineData(2, 0, 0)]
    [InlineData(2, 4, 1)]
    [InlineData(2, 2_000_000_000, 2)] // 2e9 + 3 = 2,000,000,003 = 3 x 666,666,667 + 2: no int overflow on the way
    public void Shard_k_goes_to_the_kth_silo_after_the_placing_one(int local, int shard, int expected)
    {
        Assert.Equal(Ring[expected], ShardSpreadPlacementDirector.Choose(Ring, Ring[local], $"run-1/{shard}"));
    }

    [Fact]
    public void The_ring_is_the_same_whatever_order_the_silos_are_listed_in()
    {
        SiloAddress[] shuffled = [Ring[2], Ring[0], Ring[1]];
        for (var shard = 0; shard < 6; shard++)
        {
            Assert.Equal(Ring[(1 + 1 + shard) % 3], ShardSpreadPlacementDirector.Choose(shuffled, Ring[1], $"r/{shard}"));
        }
    }

    [Fact]
    public void The_first_shards_of_a_sweep_land_on_distinct_silos_and_the_placing_silo_comes_last()
    {
        var placed = Enumerable.Range(0, 3).Select(k => ShardSpreadPlacementDirector.Choose(Ring, Ring[0], $"r/{k}")).ToList();
        Assert.Equal(3, placed.Distinct().Count());
        Assert.Equal(Ring[0], placed[2]);
    }

    [Fact]
    public void A_placing_silo_outside_the_ring_starts_at_the_first_silo()
    {
        var gateway = SiloAddress.New(new IPEndPoint(IPAddress.Loopback, 22222), 1);
        Assert.Equal(Ring[0], ShardSpreadPlacementDirector.Choose(Ring, gateway, "r/0"));
        Assert.Equal(Ring[2], ShardSpreadPlacementDirector.Choose(Ring, gateway, "r/2"));
    }

    [Fact]
    public void One_silo_takes_every_shard_and_a_key_without_a_shard_index_still_gets_a_compatible_silo()
    {
        Assert.Equal(Ring[1], ShardSpreadPlacementDirector.Choose([Ring[1]], Ring[0], "r/7"));
        Assert.Contains(ShardSpreadPlacementDirector.Choose(Ring, Ring[0], "no-index"), Ring);
        Assert.Contains(ShardSpreadPlacementDirector.Choose(Ring, Ring[0], "r/-1"), Ring);
        Assert.Throws<OrleansException>(() => ShardSpreadPlacementDirector.Choose([], Ring[0], "r/0"));
    }
}
