using System.Collections.Concurrent;
using System.Diagnostics;

namespace ContrastiveOrleans.Cluster.Tests;

/// <summary>
/// Processes the tests started, killed when the test host exits: a test abandoned by its timeout never disposes its
/// silos or Azurite, and they must not outlive the run.
/// </summary>
internal static class Orphans
{
    private static readonly ConcurrentDictionary<int, Process> Live = new();

    static Orphans() => AppDomain.CurrentDomain.ProcessExit += (_, _) =>
    {
        foreach (var process in Live.Values)
        {
            try
            {
                if (!process.HasExited) process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }
        }
    };

    public static void Track(Process process) => Live[process.Id] = process;

    public static void Forget(Process process) => Live.TryRemove(process.Id, out _);
}
