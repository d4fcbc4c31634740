using ContrastiveOrleans.Experiments.Abstractions;
using static TorchSharp.torch;

namespace ContrastiveOrleans.Experiments.Conformal;

/// <summary>
/// Anchors of one split with positives drawn with replacement from the anchor's own cluster and negatives from the
/// other clusters, both within the same split so that training, calibration and test stay disjoint (the reference
/// code draws calibration partners from calibration ∪ test). Anchors are indexed 0..Count−1.
/// </summary>
public sealed class PairSampler : IDisposable
{
    private readonly Tensor _points;     // sorted by label, [n, d]
    private readonly Tensor _starts;     // per anchor: first row of its cluster, [n, 1]
    private readonly Tensor _sizes;      // per anchor: rows of its cluster, [n, 1]
    private readonly Device _device;

    public PairSampler(LabelledPoints split, string splitName, Device device)
    {
        ArgumentNullException.ThrowIfNull(split);
        using var scope = NewDisposeScope();
        _device = device;
        var (labels, order) = split.Labels.sort(stable: true);
        var sortedLabels = labels.data<long>().ToArray();
        var firstRow = new Dictionary<long, long>();
        var size = new Dictionary<long, long>();
        for (var i = 0; i < sortedLabels.Length; i++)
        {
            firstRow.TryAdd(sortedLabels[i], i);
            size[sortedLabels[i]] = size.GetValueOrDefault(sortedLabels[i]) + 1;
        }
        if (size.Count < 2)
            throw new ExperimentFailedException($"{splitName} split holds a single cluster: no negatives to draw; use more points_per_cluster");
        Count = sortedLabels.Length;
        _points = split.Points[order].to(device).DetachFromDisposeScope();
        _starts = tensor(sortedLabels.Select(l => firstRow[l]).ToArray()).unsqueeze(1).to(device).DetachFromDisposeScope();
        _sizes = tensor(sortedLabels.Select(l => size[l]).ToArray()).unsqueeze(1).to(device).DetachFromDisposeScope();
    }

    public long Count { get; }

    public Device Device => _device;

    public Tensor Anchors(Tensor index) => _points[index];

    /// <summary>[b, k, d] points of each anchor's cluster (the anchor itself may be drawn, as in the reference).</summary>
    public Tensor Positives(Tensor index, int k, Generator generator)
    {
        ArgumentNullException.ThrowIfNull(index);
        var sizes = _sizes[index];
        var offset = Uniform(index.shape[0], k, sizes, generator);
        return _points[_starts[index] + offset];
    }

    /// <summary>[b, k, d] points of the other clusters: a uniform rank among them, shifted past the anchor's block.</summary>
    public Tensor Negatives(Tensor index, int k, Generator generator)
    {
        ArgumentNullException.ThrowIfNull(index);
        var starts = _starts[index];
        var sizes = _sizes[index];
        var rank = Uniform(index.shape[0], k, Count - sizes, generator);
        return _points[rank + (rank >= starts).to(ScalarType.Int64) * sizes];
    }

    /// <summary>Uniform integers in [0, bound) per row; float64 uniforms so that floor(u·bound) stays below bound.</summary>
    private Tensor Uniform(long rows, int k, Tensor bound, Generator generator)
    {
        var u = rand([rows, k], dtype: ScalarType.Float64, generator: generator).to(_device);
        return (u * bound).floor().to(ScalarType.Int64).minimum(bound - 1);
    }

    public void Dispose()
    {
        _points.Dispose();
        _starts.Dispose();
        _sizes.Dispose();
    }
}
