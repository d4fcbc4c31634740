using System.Numerics;

namespace ContrastiveOrleans.Grains.Stats;

/// <summary>
/// The exact sum of doubles, or of their exact squares: every double is an integer times 2^-1074, so the sum is an
/// integer in that unit, kept in 32-bit digits of 64-bit limbs (carries resolved lazily). No rounding happens until
/// it is read, so the result does not depend on the order values arrive in, partial sums combine exactly, and the
/// state is a fixed handful of limbs whatever the count.
/// </summary>
internal sealed class ExactSum
{
    /// <summary>Unit of a sum: 2^-1074 (the smallest subnormal); of a sum of squares: 2^-2148.</summary>
    private readonly int _unitExponent;
    private readonly long[] _limbs;
    private int _pendingAdds;

    private ExactSum(int unitExponent, int limbs)
    {
        _unitExponent = unitExponent;
        _limbs = new long[limbs];
    }

    public static ExactSum ForValues() => new(-1074, 70);

    public static ExactSum ForSquares() => new(-2148, 138);

    /// <summary>Adds <paramref name="value"/> (finite).</summary>
    public void Add(double value)
    {
        var (negative, mantissa, exponent) = Decompose(value);
        if (mantissa == 0) return;
        AddShifted(negative, mantissa, exponent - _unitExponent);
    }

    /// <summary>Adds the exact square of <paramref name="value"/> (finite), not its rounded square.</summary>
    public void AddSquare(double value)
    {
        var (_, mantissa, exponent) = Decompose(value);
        if (mantissa == 0) return;
        AddShifted(false, (UInt128)mantissa * mantissa, (2 * exponent) - _unitExponent);
    }

    public void Add(ExactSum other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other._unitExponent != _unitExponent) throw new ArgumentException("sums of different units", nameof(other));
        Normalize();
        other.Normalize();
        for (var i = 0; i < _limbs.Length; i++) _limbs[i] += other._limbs[i];
        Normalize();
    }

    /// <summary>The sum as an integer count of the unit (see <see cref="UnitExponent"/>).</summary>
    public BigInteger Value
    {
        get
        {
            var value = BigInteger.Zero;
            for (var i = _limbs.Length - 1; i >= 0; i--) value = (value << 32) + _limbs[i];
            return value;
        }
    }

    public int UnitExponent => _unitExponent;

    /// <summary>Replaces the state with <paramref name="value"/> units (as read back from <see cref="Value"/>).</summary>
    public void Set(BigInteger value)
    {
        Array.Clear(_limbs);
        var negative = value.Sign < 0;
        var magnitude = BigInteger.Abs(value);
        for (var i = 0; i < _limbs.Length && !magnitude.IsZero; i++)
        {
            _limbs[i] = (long)(uint)(magnitude & uint.MaxValue);
            magnitude >>= 32;
        }
        if (!magnitude.IsZero) throw new OverflowException("the value does not fit the sum's range");
        if (negative)
        {
            for (var i = 0; i < _limbs.Length; i++) _limbs[i] = -_limbs[i];
        }
        _pendingAdds = 0;
    }

    private void AddShifted(bool negative, UInt128 magnitude, int shift)
    {
        var limb = shift >> 5;
        var offset = shift & 31;
        // Digit by digit (a 106-bit square shifted whole would overflow 128 bits): each lands in two limbs, < 2^32 each.
        for (; magnitude != 0; limb++, magnitude >>= 32)
        {
            var digit = (ulong)(uint)(magnitude & uint.MaxValue) << offset;
            var low = (long)(digit & uint.MaxValue);
            var high = (long)(digit >> 32);
            _limbs[limb] += negative ? -low : low;
            if (high != 0) _limbs[limb + 1] += negative ? -high : high;
        }
        // Each add moves a limb by less than 2^32: 2^30 adds fit a long before carries must be resolved.
        if (++_pendingAdds >= 1 << 30) Normalize();
    }

    /// <summary>Pushes each limb's excess beyond 32 bits into the next (arithmetic shift keeps signs right).</summary>
    private void Normalize()
    {
        for (var i = 0; i < _limbs.Length - 1; i++)
        {
            var carry = _limbs[i] >> 32;
            _limbs[i] -= carry << 32;
            _limbs[i + 1] += carry;
        }
        _pendingAdds = 0;
    }

    /// <summary>value = ± mantissa × 2^exponent with an integer mantissa below 2^53.</summary>
    private static (bool Negative, ulong Mantissa, int Exponent) Decompose(double value)
    {
        if (!double.IsFinite(value)) throw new ArgumentOutOfRangeException(nameof(value), value, "only finite values are summed");
        var bits = BitConverter.DoubleToInt64Bits(value);
        var negative = bits < 0;
        var biased = (int)((bits >> 52) & 0x7FF);
        var fraction = (ulong)bits & 0xF_FFFF_FFFF_FFFFUL;
        return biased == 0
            ? (negative, fraction, -1074)
            : (negative, fraction | (1UL << 52), biased - 1075);
    }

    /// <summary><paramref name="units"/> × 2^<paramref name="exponent"/> as the nearest double (large magnitudes scaled first).</summary>
    public static double ToDouble(BigInteger units, int exponent)
    {
        if (units.IsZero) return 0;
        var negative = units.Sign < 0;
        var magnitude = BigInteger.Abs(units);
        var shift = (int)Math.Max(0, magnitude.GetBitLength() - 64);
        var top = magnitude >> shift;
        // A sticky bit for what the shift dropped, so rounding the 64 kept bits to 53 rounds the whole number.
        if (shift > 0 && !(magnitude & ((BigInteger.One << shift) - 1)).IsZero) top |= 1;
        var result = Math.ScaleB((double)(ulong)top, shift + exponent);
        return negative ? -result : result;
    }
}
