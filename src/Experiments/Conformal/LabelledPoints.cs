using static TorchSharp.torch;

namespace ContrastiveOrleans.Experiments.Conformal;

/// <summary>Embeddings [n, d] (float32) with their cluster labels [n] (int64), in random order.</summary>
public sealed record LabelledPoints(Tensor Points, Tensor Labels) : IDisposable
{
    public long Count => Points.shape[0];

    /// <summary>Embedded augmentations of each point [n, v, d], when its positives are views of itself rather than
    /// other members of its cluster; null otherwise.</summary>
    public Tensor? Views { get; init; }

    /// <summary>Rows [start, start + length) as views.</summary>
    public LabelledPoints Slice(long start, long length) =>
        new(Points.narrow(0, start, length), Labels.narrow(0, start, length)) { Views = Views?.narrow(0, start, length) };

    public void Dispose()
    {
        Points.Dispose();
        Labels.Dispose();
        Views?.Dispose();
    }
}
