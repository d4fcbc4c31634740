using ContrastiveOrleans.Experiments.Abstractions;

namespace ContrastiveOrleans.Sweeps;

/// <summary>
/// Checks a sweep's cross-parameter rules and finds its largest memory estimate without visiting every point. The
/// experiment's checks run on a view that records the parameters they read (<see cref="ParameterSet.Tracking"/>); only
/// the distinct values of those axes are enumerated, and whenever a check reads a parameter not yet enumerated, that
/// axis joins and the scan starts again. The answer is exact: a check that read only the enumerated axes takes the
/// same path, with the same result, on every point sharing their values. A 10⁸-point grid over one relevant axis
/// costs as many checks as that axis has values. Seeds never matter; random draws matter only if a check reads a
/// drawn parameter, and then every (cell, draw) is visited.
/// </summary>
internal static class CombinationScan
{
    public static PointMemory Run(SweepSpec spec)
    {
        var relevant = new HashSet<string>(StringComparer.Ordinal);
        while (true)
        {
            if (TryScan(spec, relevant, out var largest)) return largest!;
        }
    }

    /// <summary>False when a check read a parameter outside <paramref name="relevant"/> (added to it: scan again).</summary>
    private static bool TryScan(SweepSpec spec, HashSet<string> relevant, out PointMemory? largest)
    {
        largest = null;
        var experiment = spec.Experiment;
        var drawsMatter = spec.Random?.Space.Any(d => relevant.Contains(d.Name)) ?? false;
        var axes = spec.Grid.Where(a => drawsMatter || relevant.Contains(a.Name)).ToList();
        var placeholders = spec.Grid.Where(a => !axes.Contains(a)).Select(a => new KeyValuePair<string, object>(a.Name, a.Values[0]))
            .Concat(drawsMatter ? [] : spec.Random?.Space.Select(d => new KeyValuePair<string, object>(d.Name, d.Placeholder)) ?? [])
            .ToList();
        foreach (var (cell, drawn) in Combinations(spec, axes, drawsMatter))
        {
            var given = new ParameterSet(spec.Params).With(placeholders).With(cell).With(drawn);
            var (resolved, errors) = ExperimentCatalog.Resolve(experiment, given, checkCombination: false);
            var reads = new HashSet<string>(StringComparer.Ordinal);
            var tracked = resolved.Tracking(reads);
            if (errors.Count == 0) errors = experiment.ValidateCombination(tracked);
            var memory = errors.Count == 0 ? experiment.EstimateMemory(tracked) : MemoryEstimate.None;
            var before = relevant.Count;
            relevant.UnionWith(reads.Where(IsSwept(spec)));
            if (relevant.Count > before) return false;
            var where = SweepExpander.Where(spec, cell, drawn);
            if (errors.Count > 0) throw new SweepSpecException(new SpecError(where, errors[0]));
            if (largest is null || memory.Bytes > largest.Estimate.Bytes) largest = new PointMemory(memory, where, resolved);
        }
        return true;
    }

    private static Func<string, bool> IsSwept(SweepSpec spec) =>
        name => spec.Grid.Any(a => a.Name == name) || (spec.Random?.Space.Any(d => d.Name == name) ?? false);

    /// <summary>The grid cells over <paramref name="axes"/> and, when draws matter, every draw of every full cell.</summary>
    private static IEnumerable<(List<KeyValuePair<string, object>> Cell, List<KeyValuePair<string, object>> Drawn)> Combinations(
        SweepSpec spec, List<GridAxis> axes, bool drawsMatter)
    {
        foreach (var cell in SweepExpander.Cells(axes))
        {
            if (!drawsMatter)
            {
                yield return (cell, []);
                continue;
            }
            var draws = new CellDraws(spec, cell);
            for (var draw = 0; draw < spec.Random!.Draws; draw++) yield return (cell, draws.Next());
        }
    }
}
