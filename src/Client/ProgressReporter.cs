using System.Globalization;
using ContrastiveOrleans.Grains.Contracts;

namespace ContrastiveOrleans.Client;

/// <summary>
/// Shows progress: a line redrawn in place on a terminal; otherwise a plain line every <see cref="PlainInterval"/>
/// (logs and CI output stay readable).
/// </summary>
public sealed class ProgressReporter(CliConsole console, TimeProvider time)
{
    public static readonly TimeSpan PlainInterval = TimeSpan.FromSeconds(5);

    private DateTimeOffset _lastPlain = DateTimeOffset.MinValue;
    private int _lastWidth;

    public void Report(SweepProgress progress, bool force = false)
    {
        ArgumentNullException.ThrowIfNull(progress);
        var line = Format(progress, time.GetUtcNow());
        if (console.IsTerminal)
        {
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

    public static string Format(SweepProgress p, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(p);
        var elapsed = ((p.FinishedAt ?? now) - p.StartedAt).TotalSeconds;
        // Cached points cost nothing, so they are left out of the rate that predicts the rest.
        var computed = p.Finished - p.Cached;
        var rate = elapsed > 0 ? computed / elapsed : 0;
        var remaining = p.Pending + p.Running;
        var eta = p.State == SweepState.Cancelled ? "cancelled" : p.IsFinal ? "done" : rate > 0 ? Duration(remaining / rate) : "?";
        return string.Create(CultureInfo.InvariantCulture,
            $"[{p.Finished}/{p.Total}] done {p.Done} (cached {p.Cached}) failed {p.Failed} running {p.Running} | {rate:0.##} pts/s | ETA {eta}");
    }

    private static string Duration(double seconds)
    {
        var t = TimeSpan.FromSeconds(Math.Min(seconds, TimeSpan.FromDays(99).TotalSeconds));
        return t.TotalHours >= 1
            ? string.Create(CultureInfo.InvariantCulture, $"{(int)t.TotalHours}:{t.Minutes:00}:{t.Seconds:00}")
            : string.Create(CultureInfo.InvariantCulture, $"{t.Minutes}:{t.Seconds:00}");
    }
}
