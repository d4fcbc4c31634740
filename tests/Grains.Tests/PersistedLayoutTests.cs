using ContrastiveOrleans.Grains.Contracts;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace ContrastiveOrleans.Grains.Tests;

/// <summary>
/// Records serialised by the previous version (positional records without explicit ids, bytes captured before the
/// change) still read: the explicit ids are the implicit ones of that layout, and retired fields are skipped.
/// </summary>
public sealed class PersistedLayoutTests
{
    // Serialised by the version before explicit [Id]s (commit 93d6de7), with the values the asserts below name.
    private const string OldPointResult = "IEBBMDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWZBFWJlbmNoLW5vb3BBE3sieCI6MS4wfQENAQUhAQVBC3ZhbHVlgAAAAAAAAPg/QAlzZWVkgAAAAAAAAAhA4EEJYm9vbQGpAQPo4A==";
    private const string OldSweepPoint = "IEBBZmVkY2JhOTg3NjU0MzIxMGZlZGNiYTk4NzY1NDMyMTBBFWJlbmNoLW5vb3BBE3sieCI6Mi4wfQEd6OA=";
    private const string OldSweepDefinition = "IEALcnVuLTFBDWxlZ2FjeSEgAAMhQEFmZWRjYmE5ODc2NTQzMjEwZmVkY2JhOTg3NjU0MzIxMEEVYmVuY2gtbm9vcEETeyJ4IjoyLjB9AR3o4ODgISAAAyHoQANjQQN4wQFBC3ZhbHVl4ODgQQdjcHUBIUEbbmFtZTogbGVnYWN5Cujg";

    private static readonly Serializer Serializer = new ServiceCollection()
        .AddSerializer(b => b.AddAssembly(typeof(PointResult).Assembly)).BuildServiceProvider().GetRequiredService<Serializer>();

    [Fact]
    public void A_point_result_of_the_previous_layout_reads_field_for_field()
    {
        var result = Serializer.Deserialize<PointResult>(Convert.FromBase64String(OldPointResult))!;
        Assert.Equal(("0123456789abcdef0123456789abcdef", "bench-noop", "{\"x\":1.0}", 3, PointStatus.Failed, "boom", 42L, true, (string?)null),
            (result.Id, result.Experiment, result.ParamsJson, result.Seed, result.Status, result.Error, result.DurationMs, result.Cached, result.RunId));
        Assert.Equal(new Dictionary<string, double> { ["value"] = 1.5, ["seed"] = 3 }, result.Metrics);
    }

    [Fact]
    public void A_sweep_point_of_the_previous_layout_reads_field_for_field()
    {
        var point = Serializer.Deserialize<SweepPoint>(Convert.FromBase64String(OldSweepPoint));
        Assert.Equal(new SweepPoint("fedcba9876543210fedcba9876543210", "bench-noop", "{\"x\":2.0}", 7), point);
    }

    [Fact]
    public void A_sweep_definition_of_the_previous_layout_reads_without_its_retired_point_list()
    {
        var definition = Serializer.Deserialize<SweepDefinition>(Convert.FromBase64String(OldSweepDefinition));
        Assert.Equal(new SweepDefinition("run-1", "legacy", "cpu", 8, "name: legacy\n"), definition);
    }

    [Fact]
    public void The_current_layout_round_trips()
    {
        var result = new PointResult("0123456789abcdef0123456789abcdef", "x", "{}", 1, PointStatus.Done, new() { ["m"] = 2 }, null, 3, false, "run");
        var back = Serializer.Deserialize<PointResult>(Serializer.SerializeToArray(result))!;
        Assert.Equal((result.Id, result.RunId, result.Metrics["m"]), (back.Id, back.RunId, back.Metrics["m"]));
    }
}
