namespace ContrastiveOrleans.Sweeps;

/// <summary>
/// The number of distinct points a spec expands to, without expanding it: the grid's product when there is no random
/// search, else a pass over the cells' draws that drops repeated draws of a cell (as expansion does), holding one
/// cell's draws at a time and computing no ids.
/// </summary>
public static class SweepCount
{
    public static long Of(SweepSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.Random is not { } random) return spec.PointCount;
        long distinct = 0;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var cell in SweepExpander.Cells(spec.Grid))
        {
            seen.Clear();
            var draws = new CellDraws(spec, cell);
            for (var draw = 0; draw < random.Draws; draw++)
            {
                if (seen.Add(new Experiments.Abstractions.ParameterSet(draws.Next()).ToCanonicalJson())) distinct++;
            }
        }
        return distinct * spec.Seeds.Count;
    }
}
