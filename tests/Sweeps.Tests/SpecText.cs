using ContrastiveOrleans.Experiments.Abstractions;

namespace ContrastiveOrleans.Sweeps.Tests;

/// <summary>Parses and expands sweep YAML in tests.</summary>
internal static class SpecText
{
    public static SweepSpec Parse(string yaml) => new SweepSpecParser(ExperimentCatalog.Default).Parse(yaml);

    public static SweepPlan Plan(string yaml) => SweepExpander.Expand(Parse(yaml));

    /// <summary>The one-line error of a bad spec (parse or expansion).</summary>
    public static SpecError Error(string yaml) => Assert.Throws<SweepSpecException>(() => Plan(yaml)).Error;
}
