using ContrastiveOrleans.Client.Report;
using ContrastiveOrleans.Experiments.Abstractions;
using ContrastiveOrleans.Grains.Contracts;
using ContrastiveOrleans.Grains.Stats;
using ContrastiveOrleans.Sweeps;

namespace ContrastiveOrleans.Client.Tests.Report;

/// <summary>Verdicts while a sweep runs, from the shards' claim folds, against the final checker and hand-computed Welch.</summary>
public sealed class LiveClaimTests
{
    private static readonly SweepSpec Spec = new SweepSpecParser(ExperimentCatalog.Default).Parse("""
        name: live
        experiment: bench-noop
        seeds: [0, 1, 2, 3]
        grid: {x: [1, 3]}
        claims:
          - {name: seed-mean, metric: seed, at_least: 0}
          - {name: gap, metric: value, difference: {a: {x: 3}, b: {x: 1}, at_least: 1}}
        """);

    private static PointResult Done(double x, int seed, double value) =>
        new($"{seed:x8}{(long)x:x24}", "bench-noop", new ParameterSet([new("x", x)]).ToCanonicalJson(), seed, PointStatus.Done,
            new() { ["value"] = value, ["seed"] = seed }, null, 0);

    [Fact]
    public void Two_shards_folds_give_the_final_mean_verdict_and_an_unpaired_welch_difference()
    {
        // Values chosen so pairing matters: a − b is 2 for every seed, but each side spreads with the seed.
        PointResult[] results = [.. Enumerable.Range(0, 4).SelectMany(s => (PointResult[])[Done(1, s, 10.0 * s), Done(3, s, (10.0 * s) + 2)])];
        var one = ClaimFold.For(Spec)!;
        var two = ClaimFold.For(Spec)!;
        for (var i = 0; i < results.Length; i++) (i < 3 ? one : two).Add(results[i], ParameterSet.FromJson(results[i].ParamsJson));
        var merged = ClaimFold.For(Spec)!;
        merged.Add(one.State());
        merged.Add(two.State());
        var live = ClaimChecker.Live(Spec, merged.State());

        var final = ClaimChecker.For(Spec)!;
        foreach (var r in results) final.Add(r);
        var end = final.Verdicts();

        // The mean claim is the same computation live and at the end.
        Assert.Equal((end[0].N, end[0].Mean, end[0].Low, end[0].High, end[0].Verdict), (live[0].N, live[0].Mean, live[0].Low, live[0].High, live[0].Verdict));
        // Paired at the end: 2 exactly, holds. Live, unpaired: each side has s² = var(0, 10, 20, 30) = 500/3, so the
        // Welch standard error is √(2 · 500/3 / 4) = 9.129 on df = 6, t(0.975, 6) = 2.446912: 2 ± 22.34, inconclusive.
        Assert.Equal((4, 2.0, ClaimVerdict.Holds), (end[1].N, end[1].Mean, end[1].Verdict));
        var half = 2.4469118511449692 * Math.Sqrt(2 * (500.0 / 3) / 4);
        Assert.Equal((4, ClaimVerdict.Inconclusive), (live[1].N, live[1].Verdict));
        Assert.Equal(2.0, live[1].Mean, 12);
        Assert.Equal(2 - half, live[1].Low, 9);
        Assert.Equal(2 + half, live[1].High, 9);
        Assert.EndsWith("unpaired until the run ends", live[1].Note, StringComparison.Ordinal);
    }

    [Fact]
    public void No_results_yet_is_inconclusive_for_every_claim()
    {
        var live = ClaimChecker.Live(Spec, []);
        Assert.All(live, v => Assert.Equal(ClaimVerdict.Inconclusive, v.Verdict));
        Assert.StartsWith("no values yet", live[1].Note, StringComparison.Ordinal);
    }

    [Fact]
    public void A_difference_with_one_side_only_says_which_side_it_waits_for()
    {
        var fold = ClaimFold.For(Spec)!;
        var b = Done(1, 0, 5);
        fold.Add(b, ParameterSet.FromJson(b.ParamsJson));
        var live = ClaimChecker.Live(Spec, fold.State());
        Assert.Equal((ClaimVerdict.Inconclusive, "no values of side a yet (1 of the other); unpaired until the run ends"), (live[1].Verdict, live[1].Note));
    }
}
