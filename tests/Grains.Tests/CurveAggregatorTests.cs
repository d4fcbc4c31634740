using System.Numerics;
using ContrastiveOrleans.Grains.Contracts;
using ContrastiveOrleans.Grains.Stats;
using ContrastiveOrleans.Sweeps;

namespace ContrastiveOrleans.Grains.Tests;

public sealed class CurveAggregatorTests
{
    private static PointResult Done(string paramsJson, int seed, double value) =>
        new($"{seed:x32}", "bench-noop", paramsJson, seed, PointStatus.Done, new() { ["value"] = value }, null, 1);

    private static readonly CurveSpec Curve = new("c", "x", null, "value");

    [Fact]
    public void Mean_and_student_t_interval_match_a_hand_computed_case()
    {
        var aggregator = new CurveAggregator([Curve]);
        double[] values = [1, 2, 3, 4, 5];
        foreach (var (v, s) in values.Select((v, s) => (v, s))) aggregator.Add(Done("""{"x":10.0}""", s, v));
        aggregator.Add(Done("""{"x":2.0}""", 0, 7));
        aggregator.Add(PointResult.Failure(new SweepPoint("ff", "bench-noop", """{"x":2.0}""", 1), "boom"));

        var rows = aggregator.Rows();
        Assert.Equal(["2", "10"], rows.Select(r => r.X));
        var single = rows[0];
        Assert.Equal((1, 7.0, 7.0, 7.0), (single.N, single.Mean, single.CiLow, single.CiHigh));
        // By hand: mean 3, s² = 10/4 = 2.5, s/√5 = 0.707107; t(0.975, 4) = 2.776445 from tables → half-width 1.963243.
        var five = rows[1];
        Assert.Equal(5, five.N);
        Assert.Equal(3.0, five.Mean, 12);
        Assert.Equal(1.036757, five.CiLow, 5);
        Assert.Equal(4.963243, five.CiHigh, 5);
    }

    [Fact]
    public void Any_order_and_any_split_into_shards_give_the_same_bits()
    {
        var random = new Random(7);
        var results = Enumerable.Range(0, 600).Select(i => Done($$"""{"x":{{i % 3}}.0}""", i, (random.NextDouble() - 0.3) * Math.Pow(10, random.Next(-8, 9)))).ToList();
        var whole = new CurveAggregator([Curve]);
        foreach (var r in results) whole.Add(r);
        for (var trial = 0; trial < 5; trial++)
        {
            var shuffled = results.OrderBy(_ => random.Next()).ToList();
            var combined = new CurveAggregator([Curve]);
            foreach (var shard in shuffled.Chunk(1 + random.Next(200)))
            {
                var part = new CurveAggregator([Curve]);
                foreach (var r in shard) part.Add(r);
                combined.Add(part.State());
            }
            Assert.Equal(whole.Rows(), combined.Rows());
        }
    }

    [Fact]
    public void Mean_and_variance_are_exact_where_naive_sums_cancel()
    {
        // Values 1e8 + k/1000: a naive Σx² − (Σx)²/n loses every digit of the variance; the exact fold does not.
        double[] values = [.. Enumerable.Range(0, 1001).Select(k => 1e8 + (k / 1000.0))];
        var moments = new ExactMoments();
        foreach (var v in values) moments.Add(v);
        var (mean, variance) = ExactRational(values);
        Assert.True(Math.Abs(moments.Mean - mean) <= Math.BitIncrement(mean) - mean, $"{moments.Mean:R} vs {mean:R}");
        Assert.True(Math.Abs(moments.Variance - variance) <= Math.Abs(variance) * 1e-15, $"{moments.Variance:R} vs {variance:R}");
        // The textbook one-pass formula in doubles, for contrast: it is off by far more.
        var naive = (values.Sum(v => v * v) - (values.Sum() * values.Sum() / values.Length)) / (values.Length - 1);
        Assert.True(Math.Abs(naive - variance) > Math.Abs(variance) * 1e-3, $"naive {naive:R} happened to be close");
    }

    /// <summary>Mean and sample variance in exact rational arithmetic, rounded once (independent of ExactSum).</summary>
    private static (double Mean, double Variance) ExactRational(double[] values)
    {
        // Every double is m·2^e: scale all to the common exponent 2^-1074 as integers.
        static BigInteger Units(double v)
        {
            var bits = BitConverter.DoubleToInt64Bits(v);
            var exponent = (int)((bits >> 52) & 0x7FF);
            var mantissa = bits & 0xF_FFFF_FFFF_FFFFL;
            var m = exponent == 0 ? mantissa : mantissa | (1L << 52);
            var shift = (exponent == 0 ? 1 : exponent) - 1075 + 1074;
            var units = new BigInteger(m) << shift;
            return bits < 0 ? -units : units;
        }
        var n = values.Length;
        var sum = values.Select(Units).Aggregate(BigInteger.Zero, (a, b) => a + b);
        var squares = values.Select(Units).Select(u => u * u).Aggregate(BigInteger.Zero, (a, b) => a + b);
        static double Scaled(BigInteger numerator, BigInteger denominator, int exponent)
        {
            // A quotient of about 120 bits, then the power of two applied once.
            var k = 120 - (int)(numerator.GetBitLength() - denominator.GetBitLength());
            var q = k >= 0 ? (numerator << k) / denominator : numerator / (denominator << -k);
            return Math.ScaleB((double)q, exponent - k);
        }
        var mean = Scaled(sum, n, -1074);
        var variance = Scaled((n * squares) - (sum * sum), (BigInteger)n * (n - 1), -2148);
        return (mean, variance);
    }
}
