using System.Globalization;

namespace ContrastiveOrleans.Bench;

/// <summary>One benchmark line: ours vs a peer (or a physical limit), medians over repetitions, and the target.</summary>
public sealed record Measurement(string Name, string Unit, double Ours, double Peer, string PeerName, string Target, string Notes)
{
    /// <summary>Ours / peer for "higher is better" units, peer / ours for times.</summary>
    public double Ratio => Unit.EndsWith("/s", StringComparison.Ordinal) || Unit == "%" ? Ours / Peer : Peer / Ours;

    public string ToMarkdownRow() => string.Create(CultureInfo.InvariantCulture,
        $"| {Name} | {Ours:G4} {Unit} | {Peer:G4} {Unit} ({PeerName}) | {(double.IsFinite(Ratio) ? $"{Ratio:F2}x" : "none on ours")} | {Target} | {Notes} |");

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0) return double.NaN;
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
