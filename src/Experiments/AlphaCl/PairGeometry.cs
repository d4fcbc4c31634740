using static TorchSharp.torch;

namespace ContrastiveOrleans.Experiments.AlphaCl;

/// <summary>
/// Index bookkeeping of a SimCLR-style batch of 2N rows: rows 0..N−1 are anchors, rows N..2N−1 their partners. Each
/// row i has one positive, partner(i) = (i + N) mod 2N, and 2N − 2 negatives (every other row but itself).
/// </summary>
public sealed class PairGeometry : IDisposable
{
    public PairGeometry(long pairs, Device device)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pairs, 2);
        Pairs = pairs;
        var n2 = 2 * pairs;
        using var scope = NewDisposeScope();
        var rows = arange(n2, dtype: int64, device: device);
        var partner = (rows + pairs) % n2;
        var columns = rows.unsqueeze(0).expand(n2, n2);
        var mask = columns.ne(rows.unsqueeze(1)).logical_and(columns.ne(partner.unsqueeze(1)));
        Partner = partner.MoveToOuterDisposeScope();
        NegativeMask = mask.MoveToOuterDisposeScope();
        NegativeIndex = columns.masked_select(mask).view(n2, n2 - 2).MoveToOuterDisposeScope();
    }

    /// <summary>N, the number of anchor–partner pairs.</summary>
    public long Pairs { get; }

    public long Rows => 2 * Pairs;

    /// <summary>partner(i) for every row (2N).</summary>
    public Tensor Partner { get; }

    /// <summary>2N×2N boolean mask of the negative pairs.</summary>
    public Tensor NegativeMask { get; }

    /// <summary>2N×(2N−2): the column of each negative, in the row-major order of <see cref="NegativeMask"/>.</summary>
    public Tensor NegativeIndex { get; }

    /// <summary>Cosines of a 2N×r matrix of unit rows: positives (2N) and negatives (2N×(2N−2)).</summary>
    public (Tensor Positives, Tensor Negatives) Cosines(Tensor z)
    {
        ArgumentNullException.ThrowIfNull(z);
        var s = z.matmul(z.T);
        var positives = cat([s.diagonal(Pairs), s.diagonal(-Pairs)]);
        var negatives = s.masked_select(NegativeMask).view(Rows, Rows - 2);
        return (positives, negatives);
    }

    /// <summary>As <see cref="Cosines"/> for K batches at once (K×2N×r): positives K×2N, negatives K×2N×(2N−2).</summary>
    public (Tensor Positives, Tensor Negatives) PackedCosines(Tensor z)
    {
        ArgumentNullException.ThrowIfNull(z);
        var k = z.shape[0];
        var s = z.bmm(z.transpose(1, 2));
        var positives = cat([s.diagonal(Pairs, 1, 2), s.diagonal(-Pairs, 1, 2)], 1);
        var negatives = s.masked_select(NegativeMask).view(k, Rows, Rows - 2);
        return (positives, negatives);
    }

    public void Dispose()
    {
        Partner.Dispose();
        NegativeMask.Dispose();
        NegativeIndex.Dispose();
    }
}
