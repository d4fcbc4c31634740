using System.Globalization;
using System.Text.RegularExpressions;

namespace ContrastiveOrleans.Client.Output;

/// <summary>
/// Fills a temp sibling directory and swaps it into place, so readers never see a half-written directory, a failure
/// leaves the previous contents untouched, and the path names a complete directory at every instant (an atomic
/// exchange where the filesystem has one; elsewhere the old directory is parked beside it until the new one is in
/// place, and a run that dies in between is repaired by the next). Temp siblings are named after the process that
/// made them and carry the output marker, so the next run into the same place removes what a killed run left.
/// </summary>
public static partial class AtomicDirectory
{
    /// <param name="fill">Writes the new contents into the temp directory it is given.</param>
    /// <param name="warnings">Where to say that the old directory was kept (it gained foreign files meanwhile).</param>
    public static async Task ReplaceAsync(string directory, Func<string, Task> fill, TextWriter? warnings = null)
    {
        ArgumentNullException.ThrowIfNull(fill);
        var target = Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory));
        var parent = Path.GetDirectoryName(target)!;
        var leaf = Path.GetFileName(target);
        Directory.CreateDirectory(parent);
        CleanLeftovers(target);
        var temp = Path.Combine(parent, Sibling(leaf, "tmp"));
        Directory.CreateDirectory(temp);
        // Deleted on the way out while it holds only the new contents; never once it names the previous directory.
        var discard = temp;
        try
        {
            // Marked first: a temp left by a kill is recognisably ours, so the next run may delete it.
            OutputMarker.Write(temp);
            await fill(temp).ConfigureAwait(false);
            OutputMarker.Write(temp);
            if (!Directory.Exists(target))
            {
                Directory.Move(temp, target);
                return;
            }
            // Checked again at the end: a user may have put a file into the directory while the sweep ran.
            var keep = OutputMarker.FirstForeignEntry(target) is not null;
            if (NativeFiles.TryExchange(temp, target))
            {
                discard = null;
                // temp now names the previous directory.
                if (keep) KeepPrevious(temp, target, warnings);
                else Directory.Delete(temp, recursive: true);
                return;
            }
            var old = Path.Combine(parent, Sibling(leaf, "old"));
            Directory.Move(target, old);
            Directory.Move(temp, target);
            discard = null;
            if (keep) KeepPrevious(old, target, warnings);
            else Directory.Delete(old, recursive: true);
        }
        finally
        {
            if (discard is not null && Directory.Exists(discard)) Directory.Delete(discard, recursive: true);
        }
    }

    /// <summary>
    /// Removes temp and parked siblings of <paramref name="target"/> left by runs that died (their process is gone and
    /// they carry the marker, or are an earlier version's temp holding only output files); a parked previous directory
    /// whose replacement never arrived is put back instead.
    /// </summary>
    public static void CleanLeftovers(string target)
    {
        var parent = Path.GetDirectoryName(target);
        if (parent is null || !Directory.Exists(parent)) return;
        var leaf = Path.GetFileName(target);
        IEnumerable<string> siblings;
        try
        {
            siblings = [.. Directory.EnumerateDirectories(parent, $".{leaf}.*")];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return;
        }
        foreach (var path in siblings)
        {
            var match = SiblingPattern().Match(Path.GetFileName(path));
            if (!match.Success || match.Groups["leaf"].Value != leaf) continue;
            var pid = match.Groups["pid"].Success ? int.Parse(match.Groups["pid"].Value, CultureInfo.InvariantCulture) : (int?)null;
            if (pid is { } p && (p == Environment.ProcessId || IsAlive(p))) continue;
            var ours = pid is null ? OutputMarker.FirstForeignEntry(path) is null : OutputMarker.Read(path) is not null;
            if (!ours) continue;
            try
            {
                if (match.Groups["kind"].Value == "old" && !Directory.Exists(target)) Directory.Move(path, target);
                else Directory.Delete(path, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Someone else's cleanup got there first, or it is not ours to remove after all: leave it.
            }
        }
    }

    private static void KeepPrevious(string previous, string target, TextWriter? warnings)
    {
        var kept = $"{target}.previous-{DateTime.Now:yyyyMMdd-HHmmss}";
        Directory.Move(previous, kept);
        warnings?.WriteLine($"warning: '{target}' gained files contrastive did not write while it ran; its previous contents are kept in '{kept}'");
    }

    private static string Sibling(string leaf, string kind) =>
        string.Create(CultureInfo.InvariantCulture, $".{leaf}.{kind}-{Environment.ProcessId}-{Guid.NewGuid():N}");

    private static bool IsAlive(int pid) => !OperatingSystem.IsLinux() || Directory.Exists($"/proc/{pid}");

    // ".NAME.tmp-PID-GUID" / ".NAME.old-PID-GUID"; earlier versions wrote ".NAME.tmp-GUID".
    [GeneratedRegex(@"^\.(?<leaf>.+)\.(?<kind>tmp|old)-(?:(?<pid>[0-9]{1,10})-)?[0-9a-f]{32}\z")]
    private static partial Regex SiblingPattern();
}
