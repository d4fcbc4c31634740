using ContrastiveOrleans.Sweeps.Search;

namespace ContrastiveOrleans.Sweeps.Tests.Search;

public sealed class TpeStrategyTests
{
    private static readonly RandomDimension[] Space =
    [
        new("lr", DistributionKind.LogUniform, 1e-4, 1, []),
        new("width", DistributionKind.IntUniform, 1, 64, []),
    ];

    /// <summary>A bowl with its minimum at lr = 1e-2, width = 40 (0 there).</summary>
    private static double Bowl(IReadOnlyDictionary<string, object> x) =>
        Math.Pow(Math.Log10((double)x["lr"]) + 2, 2) + Math.Pow(((long)x["width"] - 40) / 16.0, 2);

    private static (double Best, List<SearchUnit> Units) Run(long seed, int trials, int slots)
    {
        var tpe = new TpeStrategy(Space, trials, maximize: false, seed);
        var running = new Queue<SearchUnit>();
        double best = double.PositiveInfinity;
        while (true)
        {
            while (running.Count < slots && tpe.Next() is { } unit) running.Enqueue(unit);
            if (running.Count == 0) break;
            var done = running.Dequeue();
            var score = Bowl(done.Proposed!);
            best = Math.Min(best, score);
            tpe.Tell(SearchOutcome.Of(done.Sequence, score));
        }
        Assert.Equal(best, tpe.Best);
        return (best, [.. tpe.Units]);
    }

    [Fact]
    public void Proposals_are_a_function_of_the_seed_and_the_outcomes()
    {
        Assert.Equal(Run(3, 30, 2).Units, Run(3, 30, 2).Units, new UnitComparer());
        Assert.NotEqual(Run(3, 30, 2).Units[0].Proposed!["lr"], Run(4, 30, 2).Units[0].Proposed!["lr"]);
    }

    [Fact]
    public void With_two_slots_it_still_beats_random_search_on_a_bowl_over_twenty_seeds()
    {
        var tpe = Enumerable.Range(0, 20).Select(s => Run(s, 50, 2).Best).Average();
        var random = Enumerable.Range(0, 20).Select(s =>
        {
            var rng = new SplitMix64((ulong)s + 1000);
            return Enumerable.Range(0, 50).Min(_ => Bowl(Space.ToDictionary(d => d.Name, d => d.Draw(rng))));
        }).Average();
        Assert.True(tpe < random, $"tpe mean best {tpe}, random {random}");
    }

    private sealed class UnitComparer : IEqualityComparer<SearchUnit>
    {
        public bool Equals(SearchUnit? x, SearchUnit? y) => x!.Sequence == y!.Sequence && x.Trial == y.Trial
            && x.Proposed!.OrderBy(k => k.Key).SequenceEqual(y.Proposed!.OrderBy(k => k.Key));

        public int GetHashCode(SearchUnit obj) => obj.Sequence;
    }
}
