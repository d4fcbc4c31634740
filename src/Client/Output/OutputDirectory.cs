using System.Buffers;
using System.Text.Json;
using ContrastiveOrleans.Client.Report;
using ContrastiveOrleans.Grains.Contracts;
using ContrastiveOrleans.Grains.Stats;
using ContrastiveOrleans.Grains.Storage;
using ContrastiveOrleans.Sweeps;

namespace ContrastiveOrleans.Client.Output;

/// <summary>
/// Writes points.jsonl, curves.csv and sweep.yaml (and, through <c>fillMore</c>, the report), atomically
/// (<see cref="AtomicDirectory"/>). Results are streamed: each is written, folded into the curves and summed into the
/// report's summary as it arrives, so memory does not grow with the sweep.
/// </summary>
public static class OutputDirectory
{
    /// <param name="results">Finished results in plan order (the order points.jsonl keeps, so reruns diff cleanly).</param>
    /// <param name="fillMore">Writes further files (the report) into the temp directory before it is renamed into place.</param>
    /// <param name="warnings">Told when the previous directory is kept rather than replaced (see <see cref="AtomicDirectory"/>).</param>
    public static async Task<(ResultSummary Summary, IReadOnlyList<CurveRow> Rows)> WriteAsync(string directory, SweepPlan plan, IAsyncEnumerable<PointResult> results,
        Func<string, ResultSummary, IReadOnlyList<CurveRow>, Task>? fillMore, TextWriter? warnings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(results);
        var summary = new ResultSummary { Claims = Report.ClaimChecker.For(plan.Spec) };
        IReadOnlyList<CurveRow> rows = [];
        await AtomicDirectory.ReplaceAsync(directory, async temp =>
        {
            var aggregator = new CurveAggregator(plan.Spec.Curves);
            var stream = new FileStream(Path.Combine(temp, "points.jsonl"), FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
            await using (stream.ConfigureAwait(false))
            {
                // One line at a time into a reused buffer; the file stream batches the writes.
                var line = new ArrayBufferWriter<byte>(4096);
                using var writer = new Utf8JsonWriter(line);
                await foreach (var result in results.WithCancellation(cancellationToken).ConfigureAwait(false))
                {
                    line.ResetWrittenCount();
                    writer.Reset(line);
                    PointResultJson.Write(writer, result);
                    writer.Flush();
                    line.Write("\n"u8);
                    await stream.WriteAsync(line.WrittenMemory, cancellationToken).ConfigureAwait(false);
                    aggregator.Add(result);
                    summary.Add(result);
                }
            }
            rows = aggregator.Rows();
            await File.WriteAllTextAsync(Path.Combine(temp, "curves.csv"), CurvesCsv.Format(rows), cancellationToken).ConfigureAwait(false);
            await File.WriteAllTextAsync(Path.Combine(temp, "sweep.yaml"), SweepYamlWriter.Format(plan), cancellationToken).ConfigureAwait(false);
            if (fillMore is not null) await fillMore(temp, summary, rows).ConfigureAwait(false);
        }, warnings).ConfigureAwait(false);
        return (summary, rows);
    }
}
