using System.Globalization;
using ContrastiveOrleans.Grains.Contracts;

namespace ContrastiveOrleans.Client;

/// <summary>
/// Shows progress: a line redrawn in place on a terminal, cut to its width so a redraw never wraps into a new line;
/// otherwise a plain line every <see cref="PlainInterval"/> (logs and CI output stay readable).
/// </summary>
/// <param name="kindTotals">Points of each cost kind in the sweep (Sweeps.CostKind), for an ETA that weighs each kind by
/// its measured cost; null to assume equal costs (a sweep too large to count kinds up front).</param>
public sealed class ProgressReporter(CliConsole console, TimeProvider time, IReadOnlyDictionary<string, long>? kindTotals = null)
{
    public static readonly TimeSpan PlainInterval = TimeSpan.FromSeconds(5);

    private DateTimeOffset _lastPlain = DateTimeOffset.MinValue;
    private int _lastWidth;

    public void Report(SweepProgress progress, bool force = false)
    {
        ArgumentNullException.ThrowIfNull(progress);
        var line = Format(progress, time.GetUtcNow(), kindTotals);
        if (console.IsTerminal)
        {
            // One column short of the width: a line that fills it exactly makes some terminals wrap.
            if (console.Width is > 1 and var width && line.Length >= width) line = line[..(width - 2)] + "…";
            console.Out.Write("\r" + line.PadRight(_lastWidth));
            _lastWidth = line.Length;
            if (progress.IsFinal) console.Out.WriteLine();
        }
        else if (force || progress.IsFinal || time.GetUtcNow() - _lastPlain >= PlainInterval)
        {
            console.Out.WriteLine(line);
            _lastPlain = time.GetUtcNow();
        }
        console.Out.Flush();
    }

    public static string Format(SweepProgress p, DateTimeOffset now, IReadOnlyDictionary<string, long>? kindTotals = null)
    {
        ArgumentNullException.ThrowIfNull(p);
        var elapsed = ((p.FinishedAt ?? now) - p.StartedAt).TotalSeconds;
        // Cached points cost nothing, so they are left out of the rate that predicts the rest.
        var computed = p.Finished - p.Cached;
        var rate = elapsed > 0 ? computed / elapsed : 0;
        var eta = p.State == SweepState.Cancelled ? "cancelled" : p.IsFinal ? "done" : Eta(p, rate, kindTotals, now) is { } seconds ? Duration(seconds) : "?";
        var queued = p.Running - p.Executing;
        var stopped = p.Stopped > 0 ? string.Create(CultureInfo.InvariantCulture, $" stopped {p.Stopped}") : "";
        var best = p.Search is { Best: { } b } s ? string.Create(CultureInfo.InvariantCulture, $" | best {s.Metric} {b:G4}") : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"[{p.Finished}/{p.Total}] done {p.Done} (cached {p.Cached}) failed {p.Failed}{stopped} running {p.Executing}{(queued > 0 ? $" (+{queued} queued)" : "")} | {rate:0.##} pts/s{best} | ETA {eta}");
    }

    /// <summary>
    /// Seconds left: with kind totals, each kind's remaining points times its measured mean run time (the overall mean
    /// for kinds not measured yet), spread over the executing slots, scaled by how the elapsed time compares with the
    /// work done so far (overheads and idle slots); otherwise the remaining points at the rate so far.
    /// </summary>
    private static double? Eta(SweepProgress p, double rate, IReadOnlyDictionary<string, long>? kindTotals, DateTimeOffset now)
    {
        var remaining = p.Pending + p.Running;
        var kinds = p.Kinds.IsDefault ? [] : p.Kinds;
        var computed = kinds.Sum(k => k.Computed);
        var computeMs = kinds.Sum(k => (double)k.ComputeMs);
        if (kindTotals is null || computed == 0 || computeMs <= 0) return rate > 0 ? remaining / rate : null;
        var overall = computeMs / computed;
        var measured = kinds.ToDictionary(k => k.Kind, StringComparer.Ordinal);
        var left = 0.0;
        foreach (var (kind, total) in kindTotals)
        {
            var k = measured.GetValueOrDefault(kind);
            var mean = k is { Computed: > 0 } ? (double)k.ComputeMs / k.Computed : overall;
            left += Math.Max(0, total - (k?.Finished ?? 0)) * mean;
        }
        // Work per wall second so far: how many slots' worth of point time the sweep got through each second.
        var elapsed = (now - p.StartedAt).TotalMilliseconds;
        var throughput = elapsed > 0 ? computeMs / elapsed : Math.Max(1, p.Slots);
        return throughput > 0 ? left / throughput / 1000 : null;
    }

    private static string Duration(double seconds)
    {
        var t = TimeSpan.FromSeconds(Math.Min(seconds, TimeSpan.FromDays(99).TotalSeconds));
        return t.TotalHours >= 1
            ? string.Create(CultureInfo.InvariantCulture, $"{(int)t.TotalHours}:{t.Minutes:00}:{t.Seconds:00}")
            : string.Create(CultureInfo.InvariantCulture, $"{t.Minutes}:{t.Seconds:00}");
    }
}
