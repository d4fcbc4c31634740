using System.Text;
using System.Text.Json;
using ContrastiveOrleans.Grains.Contracts;
using ContrastiveOrleans.Grains.Storage;
using ContrastiveOrleans.Sweeps;

namespace ContrastiveOrleans.Client.Output;

/// <summary>Writes points.jsonl, curves.csv and sweep.yaml, atomically (<see cref="AtomicDirectory"/>).</summary>
public static class OutputDirectory
{
    public static Task WriteAsync(string directory, SweepPlan plan, IEnumerable<PointResult> results, IEnumerable<CurveRow> curves, CancellationToken cancellationToken) =>
        WriteAsync(directory, plan, results, curves, fillMore: null, warnings: null, cancellationToken);

    /// <param name="fillMore">Writes further files (the report) into the temp directory before it is renamed into place.</param>
    /// <param name="warnings">Told when the previous directory is kept rather than replaced (see <see cref="AtomicDirectory"/>).</param>
    public static async Task WriteAsync(string directory, SweepPlan plan, IEnumerable<PointResult> results, IEnumerable<CurveRow> curves,
        Func<string, Task>? fillMore, TextWriter? warnings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        await AtomicDirectory.ReplaceAsync(directory, async temp =>
        {
            await File.WriteAllTextAsync(Path.Combine(temp, "points.jsonl"), PointsJsonl(plan, results), cancellationToken).ConfigureAwait(false);
            await File.WriteAllTextAsync(Path.Combine(temp, "curves.csv"), CurvesCsv.Format(curves), cancellationToken).ConfigureAwait(false);
            await File.WriteAllTextAsync(Path.Combine(temp, "sweep.yaml"), SweepYamlWriter.Format(plan), cancellationToken).ConfigureAwait(false);
            if (fillMore is not null) await fillMore(temp).ConfigureAwait(false);
        }, warnings).ConfigureAwait(false);
    }

    /// <summary>One result per line, in the plan's point order (not completion order), so reruns diff cleanly.</summary>
    public static string PointsJsonl(SweepPlan plan, IEnumerable<PointResult> results)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var order = plan.Points.Select((p, i) => (p.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        var text = new StringBuilder();
        foreach (var result in results.OrderBy(r => order.GetValueOrDefault(r.Id, int.MaxValue)))
        {
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                PointResultJson.Write(writer, result);
            }
            text.Append(Encoding.UTF8.GetString(buffer.ToArray())).Append('\n');
        }
        return text.ToString();
    }
}
