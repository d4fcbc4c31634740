using ContrastiveOrleans.Sweeps;

namespace ContrastiveOrleans.Client.Cluster;

/// <summary>
/// Cluster sweep ids are hex only (the sweep's content hash prefix and a random part): the id names the sweep grain,
/// whose state blob is named after it, so nothing a sweep file says (its name) ever becomes part of a storage name.
/// </summary>
public static class SweepIds
{
    public static string New(SweepPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var prefix = new string(plan.SweepId.Where(char.IsAsciiHexDigit).Take(16).ToArray()).ToLowerInvariant();
        return prefix + Guid.NewGuid().ToString("N");
    }

    public static string Parse(string text) =>
        text is { Length: >= 16 and <= 64 } && text.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f')
            ? text
            : throw new UsageException($"SWEEP: '{text}' is not a sweep id (16-64 lowercase hex digits, as printed by run --cluster)");
}
