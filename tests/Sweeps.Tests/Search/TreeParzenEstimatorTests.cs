using ContrastiveOrleans.Sweeps.Search;

namespace ContrastiveOrleans.Sweeps.Tests.Search;

public sealed class TreeParzenEstimatorTests
{
    private static readonly RandomDimension X = new("x", DistributionKind.Uniform, 0, 1, []);
    private static readonly RandomDimension Y = new("y", DistributionKind.LogUniform, 1e-4, 1, []);

    /// <summary>A smooth bowl with its minimum 0 at x = 0.3, y = 1e-2 (the middle of y's log range).</summary>
    private static double Bowl(IReadOnlyDictionary<string, object> v) =>
        Math.Pow((double)v["x"] - 0.3, 2) + (Math.Pow(Math.Log10((double)v["y"]) + 2, 2) / 4);

    private static ulong Seed(int search, int trial) => (ulong)(search * 1000 + trial + 1);

    private static double BestOfTpe(int search, int trials)
    {
        var tpe = new TreeParzenEstimator([X, Y]);
        var history = new List<Trial>();
        for (var i = 0; i < trials; i++)
        {
            var v = tpe.Suggest(history, Seed(search, i));
            history.Add(new Trial(v, Bowl(v)));
        }
        return history.Min(t => t.Loss);
    }

    private static double BestOfRandom(int search, int trials) => Enumerable.Range(0, trials).Min(i =>
    {
        var rng = new SplitMix64(Seed(search, i));
        return Bowl(new Dictionary<string, object> { ["x"] = X.Draw(rng), ["y"] = Y.Draw(rng) });
    });

    [Fact]
    public void Before_the_startup_trials_it_draws_as_random_search_does_and_is_deterministic()
    {
        var tpe = new TreeParzenEstimator([X, Y]);
        var rng = new SplitMix64(42);
        var expected = new Dictionary<string, object> { ["x"] = X.Draw(rng), ["y"] = Y.Draw(rng) };
        Assert.Equal(expected, tpe.Suggest([], 42));
        var history = Enumerable.Range(0, 15).Select(i => tpe.Suggest([], (ulong)i)).Select(v => new Trial(v, Bowl(v))).ToList();
        Assert.Equal(tpe.Suggest(history, 7), tpe.Suggest(history, 7));
        var suggestion = tpe.Suggest(history, 8);
        Assert.InRange((double)suggestion["x"], 0, 1);
        Assert.InRange((double)suggestion["y"], 1e-4, 1);
    }

    [Fact]
    public void On_a_smooth_bowl_it_finds_better_points_than_random_search_with_the_same_trials()
    {
        // 20 searches of 40 trials each; the first 10 trials of both are the same random draws.
        var tpe = Enumerable.Range(0, 20).Select(s => BestOfTpe(s, 40)).ToList();
        var random = Enumerable.Range(0, 20).Select(s => BestOfRandom(s, 40)).ToList();
        Assert.True(tpe.Average() < 0.5 * random.Average(), $"TPE mean best {tpe.Average():G3}, random {random.Average():G3}");
        Assert.True(tpe.Zip(random).Count(p => p.First < p.Second) >= 14, "TPE should win most searches");
    }

    [Fact]
    public void It_concentrates_on_the_best_choice_and_keeps_integers_integers()
    {
        var choice = new RandomDimension("c", DistributionKind.Choice, 0, 0, ["a", "b", "c"]);
        var size = new RandomDimension("n", DistributionKind.IntUniform, 1, 8, []);
        var loss = new Dictionary<string, double> { ["a"] = 1, ["b"] = 0, ["c"] = 2 };
        var tpe = new TreeParzenEstimator([choice, size]);
        var history = new List<Trial>();
        for (var i = 0; i < 40; i++)
        {
            var v = tpe.Suggest(history, (ulong)i + 100);
            var n = Assert.IsType<long>(v["n"]);
            Assert.InRange(n, 1, 8);
            history.Add(new Trial(v, loss[(string)v["c"]] + (Math.Abs(n - 5) / 10.0)));
        }
        // After the 10 random trials, the best choice (b) is suggested far more often than a third of the time.
        Assert.True(history.Skip(10).Count(t => (string)t.Values["c"] == "b") > 20, "TPE should prefer b");
    }
}
