namespace ContrastiveOrleans.Sweeps.Search;

/// <summary>
/// The seam between a sweep's coordinator and the way it chooses points. The coordinator asks for units while it has
/// free slots (<see cref="Next"/>, null: none can start now) and tells each unit's outcome as it arrives. A strategy
/// is a deterministic function of the sequence of those calls, so replaying a recorded sequence rebuilds it exactly:
/// that is how a resumed or failed-over sweep makes the same decisions.
/// </summary>
public abstract class SearchStrategy
{
    private readonly List<SearchUnit> _units = [];
    private readonly List<bool> _told = [];

    /// <summary>Every unit issued so far, by sequence.</summary>
    public IReadOnlyList<SearchUnit> Units => _units;

    /// <summary>Units issued and not yet told.</summary>
    public int Running { get; private set; }

    /// <summary>The best score of a finished configuration so far (at the top budget for asha), or null.</summary>
    public double? Best { get; protected set; }

    /// <summary>The unit that scored <see cref="Best"/>.</summary>
    public int? BestUnit { get; protected set; }

    protected bool Maximize { get; }

    protected SearchStrategy(bool maximize) => Maximize = maximize;

    /// <summary>The next unit to start, or null when none can start until an outcome arrives (or ever: see Running).</summary>
    public SearchUnit? Next()
    {
        var unit = Choose(_units.Count);
        if (unit is null) return null;
        _units.Add(unit);
        _told.Add(false);
        Running++;
        return unit;
    }

    public void Tell(SearchOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        if (outcome.Sequence < 0 || outcome.Sequence >= _units.Count) throw new ArgumentOutOfRangeException(nameof(outcome), $"unit {outcome.Sequence} was never issued");
        if (_told[outcome.Sequence]) throw new InvalidOperationException($"unit {outcome.Sequence} was already told");
        _told[outcome.Sequence] = true;
        Running--;
        Observe(_units[outcome.Sequence], outcome);
    }

    /// <summary>True once unit <paramref name="sequence"/>'s outcome was told.</summary>
    public bool Told(int sequence) => _told[sequence];

    /// <summary>True once nothing runs and nothing can start.</summary>
    public bool Finished => Running == 0 && !CanStart();

    /// <summary>The early-stopping rule the unit's points run under (median), or null.</summary>
    public virtual StopRule? StopRuleFor(SearchUnit unit) => null;

    /// <summary>Whether the outcomes' curves enter its decisions (median's medians); the others decide on scores alone.</summary>
    public virtual bool UsesCurves => false;

    /// <summary>A line for `status`: what the strategy holds and where it stands.</summary>
    public abstract string Describe();

    protected abstract SearchUnit? Choose(int sequence);

    protected abstract bool CanStart();

    protected abstract void Observe(SearchUnit unit, SearchOutcome outcome);

    /// <summary>True when <paramref name="score"/> beats <paramref name="than"/> in the search's direction.</summary>
    protected bool Better(double score, double? than) => than is not { } t || (Maximize ? score > t : score < t);

    /// <summary>A permutation of 0..n−1 from the search's seed: the order configurations start in.</summary>
    public static int[] Order(int count, long seed)
    {
        var order = Enumerable.Range(0, count).ToArray();
        var rng = new SplitMix64(PointIds.Seed($"search-order\n{seed}"));
        for (var i = count - 1; i > 0; i--)
        {
            var j = (int)(rng.NextUInt64() % (ulong)(i + 1));
            (order[i], order[j]) = (order[j], order[i]);
        }
        return order;
    }
}
