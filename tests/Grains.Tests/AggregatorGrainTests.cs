using ContrastiveOrleans.Sweeps;
using ContrastiveOrleans.Grains.Contracts;

namespace ContrastiveOrleans.Grains.Tests;

[Collection(ClusterDefinition.Name)]
public sealed class AggregatorGrainTests(ClusterFixture fixture)
{
    private static PointResult Done(string paramsJson, int seed, double value) =>
        new($"{seed:x4}", "bench-noop", paramsJson, seed, PointStatus.Done, new() { ["value"] = value }, null, 1);

    [Fact]
    public async Task Mean_and_student_t_interval_match_a_hand_computed_case()
    {
        var grain = fixture.Client.GetGrain<IAggregatorGrain>($"agg-{Guid.NewGuid():N}");
        await grain.Configure([new CurveSpec("c", "x", null, "value")], TestContext.Current.CancellationToken);
        double[] values = [1, 2, 3, 4, 5];
        await grain.Add([.. values.Select((v, s) => Done("""{"x":10.0}""", s, v))], TestContext.Current.CancellationToken);
        await grain.Add([Done("""{"x":2.0}""", 0, 7)], TestContext.Current.CancellationToken);
        await grain.Add([PointResult.Failure(new SweepPoint("ff", "bench-noop", """{"x":2.0}""", 1), "boom")], TestContext.Current.CancellationToken);

        var rows = await grain.GetCurves(TestContext.Current.CancellationToken);
        Assert.Equal(["2", "10"], rows.Select(r => r.X));
        var single = rows[0];
        Assert.Equal((1, 7.0, 7.0, 7.0), (single.N, single.Mean, single.CiLow, single.CiHigh));
        // By hand: mean 3, s² = 10/4 = 2.5, s/√5 = 0.707107; t(0.975, 4) = 2.776445 from tables → half-width 1.963243.
        var five = rows[1];
        Assert.Equal(5, five.N);
        Assert.Equal(3.0, five.Mean, 12);
        Assert.Equal(1.036757, five.CiLow, 5);
        Assert.Equal(4.963243, five.CiHigh, 5);
    }
}
