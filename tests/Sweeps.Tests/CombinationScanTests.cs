using ContrastiveOrleans.Experiments.Abstractions;

namespace ContrastiveOrleans.Sweeps.Tests;

/// <summary>
/// Cross-parameter checks run once per distinct value of the axes they read, and still find every bad combination
/// full expansion would (checked against expansion itself on a sweep small enough to expand).
/// </summary>
public sealed class CombinationScanTests
{
    /// <summary>a ≤ b is the rule (read only when c is "checked"); memory grows with a·n.</summary>
    private sealed class Probe : IExperiment
    {
        public int Checks;

        public string Name => "probe";
        public string Version => "1";
        public string Description => "test probe";
        public IReadOnlyList<ParameterSpec> Parameters { get; } =
        [
            new("a", ParameterKind.Integer, 1L, "", Min: 0, Max: 1_000_000),
            new("b", ParameterKind.Integer, 1L, "", Min: 0, Max: 1_000_000),
            new("c", ParameterKind.Text, "checked", "", Allowed: ["checked", "free"]),
            new("n", ParameterKind.Integer, 1L, "", Min: 0, Max: 1_000_000),
            new("unused", ParameterKind.Integer, 0L, "", Min: 0, Max: 1_000_000),
        ];
        public IReadOnlyList<string> Metrics { get; } = ["m"];

        public IReadOnlyList<string> ValidateCombination(ParameterSet parameters)
        {
            Checks++;
            return parameters.GetString("c") == "checked" && parameters.GetInt("a") > parameters.GetInt("b")
                ? [$"a: {parameters.GetInt("a")} exceeds b = {parameters.GetInt("b")}"]
                : [];
        }

        public MemoryEstimate EstimateMemory(ParameterSet parameters) =>
            MemoryEstimate.Sum((1000.0 * parameters.GetInt("a") * parameters.GetInt("n"), ["a", "n"]));

        public IReadOnlyDictionary<string, double> Run(ExperimentContext context, CancellationToken cancellationToken) => throw new NotSupportedException();
    }

    private static (SweepSpec Spec, Probe Probe) Parse(string grid, string more = "")
    {
        var probe = new Probe();
        var spec = new SweepSpecParser(new ExperimentCatalog([probe])).Parse($"name: p\nexperiment: probe\nmax_points: 100000000\ngrid: {grid}\n{more}");
        return (spec, probe);
    }

    private static string Axis(int n, int from = 0) => "[" + string.Join(", ", Enumerable.Range(from, n)) + "]";

    [Fact]
    public void A_million_point_grid_over_an_axis_no_check_reads_costs_checks_per_value_of_the_read_axes()
    {
        var (spec, probe) = Parse($"{{a: {Axis(10)}, b: {Axis(10, 10)}, unused: {Axis(10_000)}}}");
        Assert.Equal(1_000_000, spec.PointCount);
        // The first check reads a, b and c; c is fixed. Then the 10 x 10 values of a and b, checked once each.
        Assert.InRange(probe.Checks, 100, 102);
        Assert.Equal(1000.0 * 9 * 1 + MemoryEstimate.BaseBytes, spec.LargestPoint!.Estimate.Bytes);
    }

    [Fact]
    public void A_bad_combination_deep_in_the_grid_is_found_and_named_by_the_axes_it_depends_on()
    {
        var error = Assert.Throws<SweepSpecException>(() => Parse($"{{unused: {Axis(1000)}, c: [free, checked], a: [1, 5], b: [2, 3]}}")).Error;
        Assert.Equal("grid (c=checked, a=5, b=2): a: 5 exceeds b = 2", error.ToString());
    }

    [Fact]
    public void The_scan_finds_exactly_the_errors_and_the_memory_full_expansion_finds()
    {
        // Small enough to expand: every combination of the grid and the random draws checked one by one.
        var cases = new[]
        {
            ("{a: [1, 2, 3], b: [2, 3], c: [free, checked]}", ""),
            ("{a: [1, 2], b: [2, 3], n: [1, 4]}", "random: {draws: 5, space: {unused: {int_uniform: [0, 3]}}}\n"),
            ("{b: [3, 4], c: [checked, free]}", "random: {draws: 20, space: {a: {int_uniform: [0, 5]}}}\n"),
        };
        foreach (var (grid, more) in cases)
        {
            var probe = new Probe();
            var catalog = new ExperimentCatalog([probe]);
            var yaml = $"name: p\nexperiment: probe\ngrid: {grid}\n{more}";
            SweepSpec? spec = null;
            var scanError = Record.Exception(() => spec = new SweepSpecParser(catalog).Parse(yaml)) as SweepSpecException;
            var expected = Oracle(catalog, yaml);
            Assert.Equal(expected.Error is null, scanError is null);
            if (spec is not null) Assert.Equal(expected.MaxBytes, spec.LargestPoint!.Estimate.Bytes);
        }
    }

    /// <summary>Every point of the sweep, expanded without the scan, checked on its own.</summary>
    private static (string? Error, long MaxBytes) Oracle(ExperimentCatalog catalog, string yaml)
    {
        var experiment = catalog.Get("probe");
        var relaxed = new SweepSpecParser(new ExperimentCatalog([new Unchecked(experiment)])).Parse(yaml.Replace("experiment: probe", "experiment: unchecked", StringComparison.Ordinal));
        long max = 0;
        foreach (var point in SweepExpander.Expand(relaxed).Points())
        {
            var parameters = ParameterSet.FromJson(point.ParamsJson);
            if (experiment.ValidateCombination(parameters) is [var error, ..]) return (error, 0);
            max = Math.Max(max, experiment.EstimateMemory(parameters).Bytes);
        }
        return (null, max);
    }

    /// <summary>The probe's schema without its rules, so expansion itself never refuses.</summary>
    private sealed class Unchecked(IExperiment inner) : IExperiment
    {
        public string Name => "unchecked";
        public string Version => "1";
        public string Description => "";
        public IReadOnlyList<ParameterSpec> Parameters => inner.Parameters;
        public IReadOnlyList<string> Metrics => inner.Metrics;
        public IReadOnlyList<string> ValidateCombination(ParameterSet parameters) => [];
        public IReadOnlyDictionary<string, double> Run(ExperimentContext context, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
