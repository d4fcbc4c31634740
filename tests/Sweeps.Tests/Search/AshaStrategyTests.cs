using ContrastiveOrleans.Sweeps.Search;

namespace ContrastiveOrleans.Sweeps.Tests.Search;

public sealed class AshaStrategyTests
{
    /// <summary>
    /// One slot, outcomes told at once, the score a function of the configuration: the units follow by hand from Li et
    /// al.'s get_job (promote the best unpromoted of a rung's top ⌊n/η⌋, highest rung first, else start a new one).
    /// </summary>
    [Fact]
    public void With_one_slot_it_issues_the_units_get_job_gives_by_hand()
    {
        double[] byPosition = [5, 1, 7, 3, 9, 2, 8, 4, 6];
        var asha = new AshaStrategy(9, [1, 3, 9], 3, maximize: true, seed: 11);
        var order = SearchStrategy.Order(9, 11);
        var position = order.Select((trial, i) => (trial, i)).ToDictionary(p => p.trial, p => p.i);
        var issued = new List<(int Position, int Rung)>();
        while (asha.Next() is { } unit)
        {
            issued.Add((position[unit.Trial], unit.Rung));
            asha.Tell(SearchOutcome.Of(unit.Sequence, byPosition[position[unit.Trial]]));
        }
        (int, int)[] expected = [(0, 0), (1, 0), (2, 0), (2, 1), (3, 0), (4, 0), (4, 1), (5, 0), (6, 0), (6, 1), (4, 2), (7, 0), (8, 0)];
        Assert.Equal(expected, issued);
        Assert.True(asha.Finished);
        Assert.Equal(9, asha.Best);
        Assert.Equal(10, asha.BestUnit);
        Assert.Equal([9, 3, 1], asha.Completed);
        Assert.Equal("promoted: 1st of 3 at 1 (top 1/3)", asha.Units[3].Reason);
        Assert.Equal("promoted: 1st of 3 at 3 (top 1/3)", asha.Units[10].Reason);
        Assert.Equal("new", asha.Units[0].Reason);
    }

    /// <summary>
    /// Four slots, outcomes arriving in a seeded random order, noisy scores: each promotion is checked against the
    /// rung as it stood (its top ⌊n/η⌋, computed here by sorting), the best configuration reaches the top rung, the
    /// epochs spent are a fraction of the grid's, and replaying the recorded calls rebuilds the same units.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Asynchronous_promotions_are_legal_find_the_best_and_replay_exactly(int seed)
    {
        const int n = 81, eta = 3;
        long[] budgets = [1, 3, 9, 27, 81];
        var rng = new Random(seed);
        var quality = Enumerable.Range(0, n).Select(_ => rng.NextDouble()).ToArray();
        var asha = new AshaStrategy(n, budgets, eta, maximize: true, seed);
        var log = new List<int?>();
        var running = new List<SearchUnit>();
        var rungs = budgets.Select(_ => new List<(int Trial, double Score)>()).ToArray();
        var spent = 0L;
        while (true)
        {
            while (running.Count < 4 && asha.Next() is { } unit)
            {
                log.Add(null);
                running.Add(unit);
                spent += budgets[unit.Rung];
                if (unit.Rung > 0)
                {
                    var below = rungs[unit.Rung - 1].OrderByDescending(x => x.Score).ThenBy(x => x.Trial).Take(rungs[unit.Rung - 1].Count / eta);
                    Assert.Contains(unit.Trial, below.Select(x => x.Trial));
                }
            }
            if (running.Count == 0) break;
            var done = running[rng.Next(running.Count)];
            running.Remove(done);
            // Rung-invariant quality plus a little noise that shrinks with the budget.
            var score = quality[done.Trial] + (0.01 * (rng.NextDouble() - 0.5) / (done.Rung + 1));
            rungs[done.Rung].Add((done.Trial, score));
            log.Add(done.Sequence);
            asha.Tell(SearchOutcome.Of(done.Sequence, score));
        }
        Assert.True(asha.Finished);
        var bestTrial = Array.IndexOf(quality, quality.Max());
        Assert.Contains(bestTrial, rungs[^1].Select(x => x.Trial));
        // Synchronous successive halving spends n·(rungs) budget-units: 5 × 81 = 405 of the grid's 81 × 81.
        Assert.InRange(spent, 405, n * 81 / 3);
        // The same calls in the same order give the same units.
        var replayed = new AshaStrategy(n, budgets, eta, maximize: true, seed);
        var scores = rungs.SelectMany((r, k) => r.Select(x => (x.Trial, k, x.Score))).ToDictionary(x => (x.Trial, x.k), x => x.Score);
        foreach (var e in log)
        {
            if (e is null) Assert.NotNull(replayed.Next());
            else replayed.Tell(SearchOutcome.Of(e.Value, scores[(replayed.Units[e.Value].Trial, replayed.Units[e.Value].Rung)]));
        }
        Assert.Equal(asha.Units, replayed.Units);
    }

    [Fact]
    public void Failed_units_are_neither_promoted_nor_counted()
    {
        var asha = new AshaStrategy(3, [1, 3], 3, maximize: false, seed: 0);
        var units = Enumerable.Range(0, 3).Select(_ => asha.Next()!).ToList();
        Assert.Null(asha.Next());
        asha.Tell(SearchOutcome.Of(units[0].Sequence, null));
        asha.Tell(SearchOutcome.Of(units[1].Sequence, 0.5));
        asha.Tell(SearchOutcome.Of(units[2].Sequence, 0.2));
        // Two counted results: ⌊2/3⌋ = 0 promotions, and nothing left to start.
        Assert.Null(asha.Next());
        Assert.True(asha.Finished);
        Assert.Null(asha.Best);
    }

    [Fact]
    public void Telling_a_unit_twice_or_one_never_issued_is_refused()
    {
        var asha = new AshaStrategy(2, [1, 3], 2, maximize: true, seed: 0);
        var unit = asha.Next()!;
        asha.Tell(SearchOutcome.Of(unit.Sequence, 1));
        Assert.Throws<InvalidOperationException>(() => asha.Tell(SearchOutcome.Of(unit.Sequence, 1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => asha.Tell(SearchOutcome.Of(5, 1)));
    }
}
