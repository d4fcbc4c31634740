namespace ContrastiveOrleans.Sweeps.Search;

/// <summary>Grid and random search through the seam: every configuration once, in the plan's order, nothing decided.</summary>
public sealed class ExhaustiveStrategy(int configurations, bool maximize) : SearchStrategy(maximize)
{
    private int _next;

    protected override SearchUnit? Choose(int sequence) =>
        _next < configurations ? new SearchUnit(sequence, _next++, 0, null, null, "new") : null;

    protected override bool CanStart() => _next < configurations;

    protected override void Observe(SearchUnit unit, SearchOutcome outcome)
    {
        if (outcome.Score is { } score && Better(score, Best)) (Best, BestUnit) = (score, unit.Sequence);
    }

    public override string Describe() => $"{_next} of {configurations} configurations started";
}
