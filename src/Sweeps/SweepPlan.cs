using ContrastiveOrleans.Experiments.Abstractions;

namespace ContrastiveOrleans.Sweeps;

/// <summary>
/// A sweep as its spec plus the rule that expands it: point i is computed from i (grid cell by mixed-radix index,
/// random draws by their place in the cell's stream, seed by position), so a sweep of any size is streamed, never held
/// as a list. Points come in grid order (last axis fastest), then draw, then seed; a draw that repeats an earlier draw
/// of its cell leaves a gap (its points would repeat ids). Ids are those of every earlier version.
/// </summary>
public sealed class SweepPlan
{
    private SweepPlan(SweepSpec spec, long count)
    {
        Spec = spec;
        Count = count;
        Draws = spec.Random?.Draws ?? 1;
        IndexCount = spec.PointCount;
        SweepId = PointIds.Hash($"{spec.Experiment.Name} v{spec.Experiment.Version}\n{SweepYamlWriter.Format(spec, count)}");
    }

    public SweepSpec Spec { get; }

    /// <summary>Distinct points.</summary>
    public long Count { get; }

    /// <summary>Size of the index space: cells × draws × seeds (≥ <see cref="Count"/>).</summary>
    public long IndexCount { get; }

    /// <summary>Hash of the resolved sweep and the experiment's version: the same sweep gets the same id.</summary>
    public string SweepId { get; }

    private int Draws { get; }

    /// <summary>Counts the spec's distinct points (a pass over random draws when there are any; no ids).</summary>
    public static SweepPlan Of(SweepSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return new SweepPlan(spec, SweepCount.Of(spec));
    }

    /// <summary>The points with index in [<paramref name="from"/>, <paramref name="to"/>), in order, computed as they are read.</summary>
    public IEnumerable<PlannedPoint> Points(long from = 0, long to = long.MaxValue)
    {
        from = Math.Max(from, 0);
        to = Math.Min(to, IndexCount);
        if (from >= to) yield break;
        var experiment = Spec.Experiment;
        var seeds = Spec.Seeds;
        var cell = from / seeds.Count / Draws;
        var draw = (int)(from / seeds.Count % Draws);
        var seedPosition = (int)(from % seeds.Count);
        var index = from;
        while (index < to)
        {
            var values = Cell(cell);
            var draws = new CellDraws(Spec, values);
            var seen = Spec.Random is null ? null : new HashSet<string>(StringComparer.Ordinal);
            // A start mid-cell replays the cell's earlier draws: they decide which later ones repeat.
            for (var d = 0; d < draw; d++) seen?.Add(Key(draws.Next()));
            for (; draw < Draws && index < to; draw++, seedPosition = 0)
            {
                var drawn = draws.Next();
                if (seen is not null && !seen.Add(Key(drawn)))
                {
                    index += seeds.Count - seedPosition;
                    continue;
                }
                var given = new ParameterSet(Spec.Params).With(values).With(drawn);
                // Combinations were checked when the spec was parsed (CombinationScan), once per distinct combination.
                var (resolved, errors) = ExperimentCatalog.Resolve(experiment, given, checkCombination: false);
                if (errors.Count > 0) throw new SweepSpecException(new SpecError(SweepExpander.Where(Spec, values, drawn), errors[0]));
                var json = resolved.ToCanonicalJson();
                for (; seedPosition < seeds.Count && index < to; seedPosition++, index++)
                {
                    yield return new PlannedPoint(index, PointIds.For(experiment, resolved, seeds[seedPosition]), experiment.Name, json, seeds[seedPosition]);
                }
            }
            cell++;
            draw = 0;
        }
    }

    /// <summary>The point at <paramref name="index"/>, or null where a repeated draw left a gap.</summary>
    public PlannedPoint? At(long index) => Points(index, index + 1).FirstOrDefault();

    /// <summary>The values of grid cell <paramref name="cell"/>: its mixed-radix digits, last axis fastest.</summary>
    private List<KeyValuePair<string, object>> Cell(long cell)
    {
        var grid = Spec.Grid;
        var values = new KeyValuePair<string, object>[grid.Count];
        for (var a = grid.Count - 1; a >= 0; a--)
        {
            var n = grid[a].Values.Count;
            values[a] = new(grid[a].Name, grid[a].Values[(int)(cell % n)]);
            cell /= n;
        }
        return [.. values];
    }

    private static string Key(List<KeyValuePair<string, object>> drawn) => new ParameterSet(drawn).ToCanonicalJson();
}
