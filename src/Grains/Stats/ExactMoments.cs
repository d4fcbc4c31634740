using System.Numerics;

namespace ContrastiveOrleans.Grains.Stats;

/// <summary>
/// Count, mean and sample variance of the values folded in, computed from exact sums (<see cref="ExactSum"/>): the
/// numbers are the same to the last bit whatever order the values arrive in and however partial folds are combined
/// (a live run, a resumed cluster sweep, its shards, and `contrastive report` all agree), and the state is constant
/// in size. The mean is the exact sum divided once; the variance is (n·Σx² − (Σx)²) / (n(n−1)) in exact integers, so
/// it has no cancellation error even for values far from zero.
/// </summary>
public sealed class ExactMoments
{
    private readonly ExactSum _sum = ExactSum.ForValues();
    private readonly ExactSum _squares = ExactSum.ForSquares();

    public long N { get; private set; }

    public void Add(double value)
    {
        _sum.Add(value);
        _squares.AddSquare(value);
        N++;
    }

    public void Add(ExactMoments other)
    {
        ArgumentNullException.ThrowIfNull(other);
        _sum.Add(other._sum);
        _squares.Add(other._squares);
        N += other.N;
    }

    public double Mean => N == 0 ? 0 : Quotient(_sum.Value, N, _sum.UnitExponent);

    /// <summary>Sample variance (n − 1 denominator); 0 for fewer than two values.</summary>
    public double Variance
    {
        get
        {
            if (N < 2) return 0;
            var sum = _sum.Value;
            // Units: Σx² is in 2^-2148, (Σx)² in (2^-1074)² = 2^-2148 too.
            var numerator = (N * _squares.Value) - (sum * sum);
            return Quotient(numerator, (BigInteger)N * (N - 1), _squares.UnitExponent);
        }
    }

    /// <summary>Two-sided Student-t interval for the mean at <paramref name="level"/>; the mean itself when n = 1.</summary>
    public (double Low, double High) ConfidenceInterval(double level = 0.95)
    {
        var mean = Mean;
        if (N < 2) return (mean, mean);
        var half = StudentT.Quantile(0.5 + (level / 2), N - 1) * Math.Sqrt(Variance / N);
        return (mean - half, mean + half);
    }

    /// <summary>The state for another process to <see cref="FromState"/> (a shard's fold sent to the root).</summary>
    public (long N, byte[] Sum, byte[] Squares) ToState() => (N, _sum.Value.ToByteArray(), _squares.Value.ToByteArray());

    public static ExactMoments FromState(long n, byte[] sum, byte[] squares)
    {
        ArgumentNullException.ThrowIfNull(sum);
        ArgumentNullException.ThrowIfNull(squares);
        var moments = new ExactMoments { N = n };
        moments._sum.Set(new BigInteger(sum));
        moments._squares.Set(new BigInteger(squares));
        return moments;
    }

    /// <summary>(units × 2^exponent) / divisor, rounded once (64 guard bits carried through the integer division).</summary>
    private static double Quotient(BigInteger units, BigInteger divisor, int exponent) =>
        ExactSum.ToDouble((units << 64) / divisor, exponent - 64);
}
