namespace ContrastiveOrleans.Grains.Contracts;

/// <summary>An adaptive search's state, as `status` and the progress line show it.</summary>
/// <param name="Line">The strategy's own account (rungs, medians, proposals).</param>
/// <param name="Best">The best score of a finished configuration so far (mean over seeds), or null.</param>
/// <param name="BestParams">Its resolved parameters as canonical JSON.</param>
/// <param name="Units">Decisions made so far.</param>
/// <param name="Resource">The parameter that is the budget (e.g. epochs), or null without one.</param>
/// <param name="ResourceSpent">The resource (e.g. epochs) the finished points trained for, stopped ones up to their stop.</param>
/// <param name="FullBudget">What every configuration at its full budget would spend (the grid's account), or null.</param>
[GenerateSerializer, Immutable]
public sealed record SearchStatus(
    [Id(0)] string Algorithm,
    [Id(1)] string Metric,
    [Id(2)] bool Maximize,
    [Id(3)] string Line,
    [Id(4)] double? Best,
    [Id(5)] string? BestParams,
    [Id(6)] int Units,
    [Id(7)] double ResourceSpent,
    [Id(8)] string? Resource = null,
    [Id(9)] double? FullBudget = null);
