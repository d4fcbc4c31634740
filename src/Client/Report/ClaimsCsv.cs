using System.Globalization;
using System.Text;

namespace ContrastiveOrleans.Client.Report;

/// <summary>claims.csv: claim,source,statement,n,mean,ci_low,ci_high,verdict,note (RFC 4180; numbers round-trip).</summary>
public static class ClaimsCsv
{
    public const string File = "claims.csv";

    public static string Format(IReadOnlyList<ClaimVerdict> verdicts)
    {
        ArgumentNullException.ThrowIfNull(verdicts);
        var text = new StringBuilder("claim,source,statement,n,mean,ci_low,ci_high,verdict,note\n");
        foreach (var v in verdicts)
        {
            string[] fields = [v.Claim.Name, v.Claim.Source ?? "", v.Claim.Statement, v.N.ToString(CultureInfo.InvariantCulture),
                Number(v.Mean), Number(v.Low), Number(v.High), v.Verdict, v.Note];
            text.AppendJoin(',', fields.Select(PointsCsv.Field)).Append('\n');
        }
        return text.ToString();
    }

    private static string Number(double v) => double.IsNaN(v) ? "" : v.ToString("R", CultureInfo.InvariantCulture);
}
