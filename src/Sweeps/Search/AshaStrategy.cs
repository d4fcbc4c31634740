using System.Globalization;

namespace ContrastiveOrleans.Sweeps.Search;

/// <summary>
/// Asynchronous successive halving (Li et al., MLSys 2020). Whenever a slot is free: promote, from the highest rung
/// down, the best configuration of a rung that is among its top ⌊n/η⌋ completed and not yet promoted; failing that,
/// start the next configuration (in the seeded order) at the first rung. Rung k trains for min·η^k of the resource
/// (the last rung for max), from scratch: each rung is an ordinary, content-addressed point. Failed units are never
/// promoted and do not count in n.
/// </summary>
public sealed class AshaStrategy : SearchStrategy
{
    private readonly int[] _order;
    private readonly IReadOnlyList<long> _budgets;
    private readonly int _reduction;
    private readonly Rung[] _rungs;
    private int _started;

    public AshaStrategy(int configurations, IReadOnlyList<long> budgets, int reduction, bool maximize, long seed) : base(maximize)
    {
        ArgumentNullException.ThrowIfNull(budgets);
        ArgumentOutOfRangeException.ThrowIfLessThan(budgets.Count, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(reduction, 2);
        _order = Order(configurations, seed);
        _budgets = budgets;
        _reduction = reduction;
        _rungs = [.. budgets.Select(_ => new Rung())];
    }

    /// <summary>Configurations that completed each rung, lowest first.</summary>
    public IReadOnlyList<int> Completed => [.. _rungs.Select(r => r.Scores.Count)];

    protected override SearchUnit? Choose(int sequence)
    {
        for (var k = _rungs.Length - 2; k >= 0; k--)
        {
            if (Promotable(k) is not { } pick) continue;
            _rungs[k].Promoted.Add(pick.Trial);
            var reason = string.Create(CultureInfo.InvariantCulture,
                $"promoted: {Ordinal(pick.Rank)} of {_rungs[k].Scores.Count} at {_budgets[k]} (top 1/{_reduction})");
            return new SearchUnit(sequence, pick.Trial, k + 1, _budgets[k + 1], null, reason);
        }
        return _started < _order.Length ? new SearchUnit(sequence, _order[_started++], 0, _budgets[0], null, "new") : null;
    }

    protected override bool CanStart()
    {
        if (_started < _order.Length) return true;
        for (var k = _rungs.Length - 2; k >= 0; k--) if (Promotable(k) is not null) return true;
        return false;
    }

    /// <summary>The best unpromoted configuration among the rung's top ⌊n/η⌋, with its rank (1-based).</summary>
    private (int Trial, int Rank)? Promotable(int k)
    {
        var rung = _rungs[k];
        var top = rung.Scores.Count / _reduction;
        // The promoted are mostly the top ones: the walk skips them, at most ⌊n/η⌋ steps.
        var rank = 0;
        foreach (var (_, trial) in rung.Scores)
        {
            if (++rank > top) break;
            if (!rung.Promoted.Contains(trial)) return (trial, rank);
        }
        return null;
    }

    protected override void Observe(SearchUnit unit, SearchOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(unit);
        ArgumentNullException.ThrowIfNull(outcome);
        if (outcome.Score is not { } score || !double.IsFinite(score)) return;
        // Sorted best first; the trial breaks ties, so the order is a function of the scores alone.
        _rungs[unit.Rung].Scores.Add((Maximize ? -score : score, unit.Trial));
        if (unit.Rung == _rungs.Length - 1 && Better(score, Best)) (Best, BestUnit) = (score, unit.Sequence);
    }

    public override string Describe()
    {
        var rungs = string.Join(", ", _rungs.Select((r, k) => string.Create(CultureInfo.InvariantCulture, $"{_budgets[k]}: {r.Scores.Count} done, {r.Promoted.Count} promoted")));
        return string.Create(CultureInfo.InvariantCulture, $"asha η={_reduction}: {_started} of {_order.Length} configurations started; rungs {rungs}");
    }

    private static string Ordinal(int n) => n + ((n % 100) is 11 or 12 or 13 ? "th" : (n % 10) switch { 1 => "st", 2 => "nd", 3 => "rd", _ => "th" });

    private sealed class Rung
    {
        public SortedSet<(double Key, int Trial)> Scores { get; } = [];

        public HashSet<int> Promoted { get; } = [];
    }
}
