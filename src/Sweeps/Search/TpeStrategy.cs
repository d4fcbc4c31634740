using System.Globalization;

namespace ContrastiveOrleans.Sweeps.Search;

/// <summary>
/// Tree-structured Parzen estimator search: each new configuration is proposed from the outcomes told so far (random
/// until <see cref="TpeOptions.StartupTrials"/> have finished), with a seed of its own derived from the search's, so
/// the same sequence of outcomes gives the same proposals. Failed configurations do not enter the model.
/// </summary>
public sealed class TpeStrategy : SearchStrategy
{
    private readonly TreeParzenEstimator _estimator;
    private readonly int _trials;
    private readonly long _seed;
    private readonly TpeModel _finished;
    private int _started;

    public TpeStrategy(IReadOnlyList<RandomDimension> space, int trials, bool maximize, long seed, TpeOptions? options = null) : base(maximize)
    {
        _estimator = new TreeParzenEstimator(space, options);
        _finished = new TpeModel(_estimator);
        _trials = trials;
        _seed = seed;
    }

    protected override SearchUnit? Choose(int sequence)
    {
        if (_started >= _trials) return null;
        var trial = _started++;
        var proposal = _estimator.Suggest(_finished, PointIds.Seed(string.Create(CultureInfo.InvariantCulture, $"tpe\n{_seed}\n{trial}")));
        return new SearchUnit(sequence, trial, 0, null, proposal, _finished.Count < _estimator.StartupTrials ? "random (start-up)" : "proposed");
    }

    protected override bool CanStart() => _started < _trials;

    protected override void Observe(SearchUnit unit, SearchOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(unit);
        ArgumentNullException.ThrowIfNull(outcome);
        if (outcome.Score is not { } score || !double.IsFinite(score)) return;
        // The estimator minimises.
        _finished.Add(new Trial(unit.Proposed!, Maximize ? -score : score));
        if (Better(score, Best)) (Best, BestUnit) = (score, unit.Sequence);
    }

    public override string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"tpe: {_started} of {_trials} configurations proposed, {_finished.Count} finished{(_finished.Count < _estimator.StartupTrials ? " (random start-up)" : "")}");
}
