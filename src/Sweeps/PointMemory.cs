using ContrastiveOrleans.Experiments.Abstractions;

namespace ContrastiveOrleans.Sweeps;

/// <summary>The largest memory estimate among a sweep's points, and which combination of parameters needs it.</summary>
/// <param name="Where">The combination as spec errors name it, e.g. "grid (d=2048)".</param>
public sealed record PointMemory(MemoryEstimate Estimate, string Where, ParameterSet Parameters)
{
    /// <summary>One line naming the estimate, the budget and the parameters that drive it; null when it fits.</summary>
    public string? Refusal(MemoryBudget budget)
    {
        ArgumentNullException.ThrowIfNull(budget);
        if (Estimate.Bytes <= budget.BytesPerPoint) return null;
        var drivers = Estimate.DescribeDrivers(Parameters);
        return $"a point needs about {SpecLimits.Bytes(Estimate.Bytes)} ({drivers}), more than the {SpecLimits.Bytes(budget.BytesPerPoint)} "
            + $"each point may use here ({budget.Description}); shrink {string.Join(" or ", Estimate.Drivers)}, {budget.Remedy}";
    }
}
