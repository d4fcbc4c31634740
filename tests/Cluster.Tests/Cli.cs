using ContrastiveOrleans.Client;

namespace ContrastiveOrleans.Cluster.Tests;

/// <summary>The CLI in-process with captured output (thread-safe writers: tests read while it runs).</summary>
internal static class Cli
{
    public static async Task<(int Exit, string Out, string Error)> Invoke(CancellationToken cancellationToken, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await ContrastiveCli.RunAsync(args, new CliConsole(TextWriter.Synchronized(stdout), TextWriter.Synchronized(stderr), IsTerminal: false), cancellationToken);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    public static Task<(int Exit, string Out, string Error)> Invoke(params string[] args) => Invoke(TestContext.Current.CancellationToken, args);
}
