using ContrastiveOrleans.Experiments.Abstractions;

namespace ContrastiveOrleans.Sweeps.Tests;

/// <summary>
/// The expansion of the version before streaming, kept verbatim as the oracle: a list of every point, in grid order
/// (last axis fastest), then draw, then seed, repeated draws dropped by id. Streamed plans must equal it. (A point of
/// another cell with the same id — a baseline under an axis it ignores — keeps its place in each cell: only a cell's
/// repeated draws are dropped.)
/// </summary>
internal static class LegacyExpansion
{
    public static List<(string Id, string ParamsJson, int Seed)> Expand(SweepSpec spec)
    {
        var experiment = spec.Experiment;
        var points = new List<(string, string, int)>();
        foreach (var cell in Cells(spec.Grid))
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var cellSet = new ParameterSet(cell);
            var rng = new SplitMix64(PointIds.Seed($"{spec.Name}\n{cellSet.ToCanonicalJson()}"));
            for (var draw = 0; draw < (spec.Random?.Draws ?? 1); draw++)
            {
                var drawn = spec.Random?.Space.Select(d => new KeyValuePair<string, object>(d.Name, d.Draw(rng))).ToList() ?? [];
                var given = new ParameterSet(spec.Params).With(cell).With(drawn);
                var (resolved, errors) = ExperimentCatalog.Resolve(experiment, given);
                Assert.Empty(errors);
                var json = resolved.ToCanonicalJson();
                foreach (var seed in spec.Seeds)
                {
                    var id = PointIds.For(experiment, resolved, seed);
                    if (seen.Add(id)) points.Add((id, json, seed));
                }
            }
        }
        return points;
    }

    private static IEnumerable<List<KeyValuePair<string, object>>> Cells(IReadOnlyList<GridAxis> grid)
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
}
