namespace ContrastiveOrleans.Sweeps;

/// <summary>Turns a parsed spec into its <see cref="SweepPlan"/>, and the pieces of expansion the planner shares.</summary>
public static class SweepExpander
{
    public static SweepPlan Expand(SweepSpec spec) => SweepPlan.Of(spec);

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
