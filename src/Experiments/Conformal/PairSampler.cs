using ContrastiveOrleans.Experiments.Abstractions;
using static TorchSharp.torch;

namespace ContrastiveOrleans.Experiments.Conformal;

/// <summary>
/// Anchors with partners drawn with replacement from a pool: positives from the other members of the anchor's
/// cluster (never the anchor itself), negatives from the other clusters. Anchors are indexed 0..Count−1.
/// </summary>
/// <remarks>
/// Training anchors draw from the training split. Calibration and test anchors both draw from the pooled
/// calibration ∪ test points (as the reference code does): given that pool, the calibration/test partition of anchors
/// is uniformly random and every anchor draws the same way, so a test anchor's score is exchangeable with the
/// calibration anchors' scores — what the per-anchor guarantee needs. Separate per-split pools would break that
/// symmetry. The shape never sees the pool: it is learned on the disjoint training split.
/// </remarks>
public sealed class PairSampler : IDisposable
{
    private readonly Tensor _pool;       // pool points sorted by label, [m, d]
    private readonly Tensor _anchors;    // [n, d]
    private readonly Tensor _starts;     // per anchor: first pool row of its cluster, [n, 1]
    private readonly Tensor _sizes;      // per anchor: pool rows of its cluster, [n, 1]
    private readonly Tensor _self;       // per anchor: its own row in the sorted pool, [n, 1]
    private readonly Tensor? _views;     // per anchor: embedded augmentations of itself, [n, v, d]; null: cluster positives

    /// <summary>Every point of <paramref name="split"/> is an anchor and the split is the pool.</summary>
    public PairSampler(LabelledPoints split, string splitName, Device device)
        : this(split, 0, split?.Count ?? 0, splitName, device)
    {
    }

    /// <summary>Anchors are pool rows [anchorStart, anchorStart + anchorCount).</summary>
    public PairSampler(LabelledPoints pool, long anchorStart, long anchorCount, string splitName, Device device)
    {
        ArgumentNullException.ThrowIfNull(pool);
        using var scope = NewDisposeScope();
        Device = device;
        Count = anchorCount;
        PoolCount = pool.Count;
        var (labels, order) = pool.Labels.sort(stable: true);
        var sortedLabels = labels.data<long>().ToArray();
        var sortedRow = new long[sortedLabels.Length];
        var originalRows = order.data<long>().ToArray();
        for (var i = 0; i < originalRows.Length; i++) sortedRow[originalRows[i]] = i;
        var firstRow = new Dictionary<long, long>();
        var size = new Dictionary<long, long>();
        for (var i = 0; i < sortedLabels.Length; i++)
        {
            firstRow.TryAdd(sortedLabels[i], i);
            size[sortedLabels[i]] = size.GetValueOrDefault(sortedLabels[i]) + 1;
        }
        if (size.Count < 2)
            throw new ExperimentFailedException($"{splitName} split holds a single cluster: no negatives to draw; use more points_per_cluster");
        var anchorLabels = pool.Labels.narrow(0, anchorStart, anchorCount).data<long>().ToArray();
        if (anchorLabels.FirstOrDefault(l => size[l] < 2, -1) is var lonely and >= 0)
            throw new ExperimentFailedException($"{splitName} split holds one point of cluster {lonely}: no positive to draw; use more points_per_cluster");

        _pool = pool.Points[order].to(device).DetachFromDisposeScope();
        _anchors = pool.Points.narrow(0, anchorStart, anchorCount).to(device).DetachFromDisposeScope();
        _starts = Column(anchorLabels.Select(l => firstRow[l]), device);
        _sizes = Column(anchorLabels.Select(l => size[l]), device);
        _self = Column(Enumerable.Range(0, (int)anchorCount).Select(i => sortedRow[anchorStart + i]), device);
        _views = pool.Views?.narrow(0, anchorStart, anchorCount).to(device).DetachFromDisposeScope();
    }

    public long Count { get; }

    public long PoolCount { get; }

    public Device Device { get; }

    public Tensor Anchors(Tensor index) => _anchors[index];

    /// <summary>[b, k, d] other members of each anchor's cluster: a uniform offset that skips the anchor's own row. With
    /// views (augmentations of each anchor), its v views when k = v, else k of them drawn uniformly with replacement.</summary>
    public Tensor Positives(Tensor index, int k, Generator generator)
    {
        ArgumentNullException.ThrowIfNull(index);
        if (_views is not null)
        {
            var own = _views[index];
            if (k == own.shape[1]) return own;
            var pick = Uniform(index.shape[0], k, full_like(_sizes[index], own.shape[1]), generator);
            return own.gather(1, pick.unsqueeze(2).expand(-1, -1, own.shape[2]));
        }
        var row = _starts[index] + Uniform(index.shape[0], k, _sizes[index] - 1, generator);
        return _pool[row + (row >= _self[index]).to(ScalarType.Int64)];
    }

    /// <summary>[b, k, d] points of the other clusters: a uniform rank among them, shifted past the anchor's block.</summary>
    public Tensor Negatives(Tensor index, int k, Generator generator)
    {
        ArgumentNullException.ThrowIfNull(index);
        var starts = _starts[index];
        var sizes = _sizes[index];
        var rank = Uniform(index.shape[0], k, PoolCount - sizes, generator);
        return _pool[rank + (rank >= starts).to(ScalarType.Int64) * sizes];
    }

    /// <summary>Uniform integers in [0, bound) per row; float64 uniforms so that floor(u·bound) stays below bound.</summary>
    private Tensor Uniform(long rows, int k, Tensor bound, Generator generator)
    {
        var u = rand([rows, k], dtype: ScalarType.Float64, generator: generator).to(Device);
        return (u * bound).floor().to(ScalarType.Int64).minimum(bound - 1);
    }

    private static Tensor Column(IEnumerable<long> values, Device device) =>
        tensor(values.ToArray()).unsqueeze(1).to(device).DetachFromDisposeScope();

    public void Dispose()
    {
        _pool.Dispose();
        _anchors.Dispose();
        _starts.Dispose();
        _sizes.Dispose();
        _views?.Dispose();
        _self.Dispose();
    }
}
