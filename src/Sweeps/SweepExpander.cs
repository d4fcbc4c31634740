using ContrastiveOrleans.Experiments.Abstractions;

namespace ContrastiveOrleans.Sweeps;

/// <summary>Expands a spec: grid cells × random draws × seeds, defaults filled in, combinations checked, ids computed.</summary>
public static class SweepExpander
{
    public static SweepPlan Expand(SweepSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var experiment = spec.Experiment;
        var points = new List<PlannedPoint>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var cell in Cells(spec.Grid))
        {
            var draws = new CellDraws(spec, cell);
            for (var draw = 0; draw < (spec.Random?.Draws ?? 1); draw++)
            {
                var drawn = draws.Next();
                var given = new ParameterSet(spec.Params).With(cell).With(drawn);
                // Combinations were checked when the spec was parsed (CombinationScan), once per distinct combination.
                var (resolved, errors) = ExperimentCatalog.Resolve(experiment, given, checkCombination: false);
                if (errors.Count > 0) throw new SweepSpecException(new SpecError(Where(spec, cell, drawn), errors[0]));
                var json = resolved.ToCanonicalJson();
                foreach (var seed in spec.Seeds)
                {
                    var id = PointIds.Compute(experiment.Name, experiment.Version, resolved, seed);
                    // Random choices can repeat a point; running it twice would only duplicate the same result.
                    if (seen.Add(id)) points.Add(new PlannedPoint(id, experiment.Name, json, seed));
                }
            }
        }
        var sweepId = PointIds.Hash(spec.Name + "\n" + string.Join("\n", points.Select(p => p.Id)));
        return new SweepPlan(spec, points, sweepId);
    }

    /// <summary>Every cell of <paramref name="grid"/>, last axis fastest (one empty cell for an empty grid).</summary>
    internal static IEnumerable<List<KeyValuePair<string, object>>> Cells(IReadOnlyList<GridAxis> grid)
    {
        var index = new int[grid.Count];
        while (true)
        {
            yield return [.. grid.Select((axis, i) => new KeyValuePair<string, object>(axis.Name, axis.Values[index[i]]))];
            var a = grid.Count - 1;
            while (a >= 0 && ++index[a] == grid[a].Values.Count)
            {
                index[a] = 0;
                a--;
            }
            if (a < 0) yield break;
        }
    }

    /// <summary>How a spec error names a combination: "grid (r=30)", "random (lr=0.1)", "grid+random (...)" or "params".</summary>
    internal static string Where(SweepSpec spec, List<KeyValuePair<string, object>> cell, List<KeyValuePair<string, object>> drawn)
    {
        if (cell.Count == 0 && drawn.Count == 0) return "params";
        var parts = cell.Concat(drawn).Select(kv => $"{kv.Key}={SpecReading.FormatValue(kv.Value)}");
        return $"{(drawn.Count == 0 ? "grid" : spec.Grid.Count == 0 ? "random" : "grid+random")} ({string.Join(", ", parts)})";
    }
}
