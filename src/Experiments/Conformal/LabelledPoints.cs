using static TorchSharp.torch;

namespace ContrastiveOrleans.Experiments.Conformal;

/// <summary>Embeddings [n, d] (float32) with their cluster labels [n] (int64), in random order.</summary>
public sealed record LabelledPoints(Tensor Points, Tensor Labels) : IDisposable
{
    public long Count => Points.shape[0];

    /// <summary>Rows [start, start + length) as views.</summary>
    public LabelledPoints Slice(long start, long length) =>
        new(Points.narrow(0, start, length), Labels.narrow(0, start, length));

    public void Dispose()
    {
        Points.Dispose();
        Labels.Dispose();
    }
}
