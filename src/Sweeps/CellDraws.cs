using ContrastiveOrleans.Experiments.Abstractions;

namespace ContrastiveOrleans.Sweeps;

/// <summary>
/// The random draws of one grid cell, in order. Seeded from the sweep name and the cell, so adding a grid value does
/// not move other cells' draws; every draw takes one number per dimension, so draw j is at a fixed place in the stream.
/// </summary>
internal sealed class CellDraws(SweepSpec spec, IEnumerable<KeyValuePair<string, object>> cell)
{
    private readonly SplitMix64 _rng = new(PointIds.Seed($"{spec.Name}\n{new ParameterSet(cell).ToCanonicalJson()}"));

    public List<KeyValuePair<string, object>> Next() =>
        spec.Random?.Space.Select(d => new KeyValuePair<string, object>(d.Name, d.Draw(_rng))).ToList() ?? [];
}
