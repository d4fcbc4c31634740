using ContrastiveOrleans.Grains.Contracts;

namespace ContrastiveOrleans.Client.Report;

/// <summary>One decision of an adaptive search as the report shows it: its points' statuses and mean score.</summary>
/// <param name="Score">The mean of the search metric over the unit's points, when every one is done.</param>
/// <param name="Spent">The resource its points trained for (stopped ones up to their stop).</param>
/// <param name="Note">Why it started, and for a stopped point why it stopped.</param>
public sealed record SearchUnitRow(SearchMark Mark, string Status, double? Score, double Spent, string ParamsJson, string Note);
