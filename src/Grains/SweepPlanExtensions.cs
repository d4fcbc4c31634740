using ContrastiveOrleans.Grains.Contracts;
using ContrastiveOrleans.Sweeps;

namespace ContrastiveOrleans.Grains;

/// <summary>Turns an expanded plan into what the sweep grain runs.</summary>
public static class SweepPlanExtensions
{
    /// <summary>A fresh run id per submission, so a re-run never collides with a finished sweep grain.</summary>
    public static string NewRunId(this SweepPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return $"{plan.Spec.Name}-{plan.SweepId[..12]}-{Guid.NewGuid():N}";
    }

    /// <param name="skipMemoryCheck">--force: the silo runs the sweep even if its largest point exceeds the budget.</param>
    public static SweepDefinition ToDefinition(this SweepPlan plan, string runId, string? device = null, int maxConcurrency = 0, bool skipMemoryCheck = false)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return new SweepDefinition(runId, plan.Spec.Name, device ?? plan.Spec.Resources.Device, maxConcurrency, SweepYamlWriter.Format(plan), skipMemoryCheck,
            plan.Spec.Resources.Pack);
    }
}
