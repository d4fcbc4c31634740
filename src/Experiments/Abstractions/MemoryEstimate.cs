using System.Globalization;

namespace ContrastiveOrleans.Experiments.Abstractions;

/// <summary>
/// Peak bytes one run of a point needs, from its parameters, and the parameters of the term that dominates (what a
/// user would shrink). An estimate to within a small factor: enough to refuse a point that cannot fit before it runs.
/// </summary>
public sealed record MemoryEstimate(long Bytes, IReadOnlyList<string> Drivers)
{
    /// <summary>What any run costs besides its data: libtorch's workspace, the managed heap, the thread stacks.</summary>
    public const long BaseBytes = 64L << 20;

    public static MemoryEstimate None { get; } = new(0, []);

    /// <summary>The sum of <paramref name="terms"/> plus <see cref="BaseBytes"/>; drivers are those of the largest term.</summary>
    public static MemoryEstimate Sum(params (double Bytes, string[] Drivers)[] terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        var total = BaseBytes + terms.Sum(t => t.Bytes);
        var largest = terms.MaxBy(t => t.Bytes);
        return new MemoryEstimate(total >= long.MaxValue ? long.MaxValue : (long)total, largest.Drivers ?? []);
    }

    /// <summary>"n_train = 1500000, d = 2048": the drivers with their values in <paramref name="parameters"/>.</summary>
    public string DescribeDrivers(ParameterSet parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return string.Join(", ", Drivers.Select(name => parameters.TryGetValue(name, out var value)
            ? $"{name} = {(value is IFormattable f ? f.ToString(null, CultureInfo.InvariantCulture) : value)}"
            : name));
    }
}
