using ContrastiveOrleans.Experiments.Abstractions;
using ContrastiveOrleans.Sweeps;

namespace ContrastiveOrleans.Grains.Tests;

/// <summary>Expands sweep YAML for grain tests.</summary>
internal static class SpecText
{
    public static SweepPlan Plan(string yaml) => SweepExpander.Expand(new SweepSpecParser(ExperimentCatalog.Default).Parse(yaml));
}
