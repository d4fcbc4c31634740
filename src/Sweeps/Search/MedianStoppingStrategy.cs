using System.Globalization;

namespace ContrastiveOrleans.Sweeps.Search;

/// <summary>
/// The median stopping rule of Google Vizier (Golovin et al., KDD 2017): a running point is stopped at step S when its
/// best value so far is strictly worse than the median, over the completed points, of their running averages (the
/// mean of their values up to S). Every configuration runs at its own budget, in the seeded order; each point starts
/// with the medians at every evaluated step past the grace period (steps with at least <see cref="MinCompleted"/>
/// completed points), fixed when it starts. Stopped points are not completed: they never enter the medians.
/// </summary>
public sealed class MedianStoppingStrategy : SearchStrategy
{
    /// <summary>Completed points a step's median needs before it stops anything (Ray Tune's min_samples_required).</summary>
    public const int MinCompleted = 3;

    private readonly int[] _order;
    private readonly string _metric;
    private readonly SortedDictionary<long, RunningMedian> _medians = [];
    private readonly Dictionary<int, StopRule> _rules = [];
    private int _started;
    private int _stopped;
    private int _completed;

    private readonly long _grace;

    /// <param name="grace">Progress (on the scale of the outcomes' steps, e.g. epochs) before which nothing is stopped.</param>
    public MedianStoppingStrategy(int configurations, string metric, bool maximize, long seed, long grace = 0) : base(maximize)
    {
        _order = Order(configurations, seed);
        _metric = metric;
        _grace = grace;
    }

    protected override SearchUnit? Choose(int sequence)
    {
        if (_started >= _order.Length) return null;
        var unit = new SearchUnit(sequence, _order[_started++], 0, null, null, "new");
        // Fixed when the unit starts, so its decisions depend on what was told before it, a recorded order.
        var steps = _medians.Where(m => m.Key >= _grace && m.Value.Count >= MinCompleted).ToList();
        _rules[sequence] = new StopRule(_metric, Maximize, [.. steps.Select(s => s.Key)], [.. steps.Select(s => s.Value.Median)]);
        return unit;
    }

    protected override bool CanStart() => _started < _order.Length;

    public override bool UsesCurves => true;

    public override StopRule? StopRuleFor(SearchUnit unit)
    {
        ArgumentNullException.ThrowIfNull(unit);
        return _rules.TryGetValue(unit.Sequence, out var rule) && rule.Steps.Length > 0 ? rule : null;
    }

    protected override void Observe(SearchUnit unit, SearchOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(unit);
        ArgumentNullException.ThrowIfNull(outcome);
        _rules.Remove(unit.Sequence);
        if (outcome.Stopped)
        {
            _stopped++;
            return;
        }
        if (outcome.Score is not { } score || !double.IsFinite(score)) return;
        _completed++;
        if (Better(score, Best)) (Best, BestUnit) = (score, unit.Sequence);
        foreach (var curve in outcome.Curves)
        {
            var (sum, count) = (0.0, 0);
            for (var i = 0; i < curve.Steps.Length; i++)
            {
                var value = curve.Values[i];
                if (!double.IsFinite(value)) continue;
                (sum, count) = (sum + value, count + 1);
                if (!_medians.TryGetValue(curve.Steps[i], out var median)) _medians[curve.Steps[i]] = median = new RunningMedian();
                median.Add(sum / count);
            }
        }
    }

    public override string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"median stopping: {_started} of {_order.Length} configurations started, {_completed} completed, {_stopped} stopped; medians at {_medians.Count(m => m.Value.Count >= MinCompleted)} steps");
}
