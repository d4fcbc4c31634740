namespace ContrastiveOrleans.Client.Tests;

/// <summary>Runs the CLI in-process with captured output; a temp directory holds specs, outputs and the store.</summary>
internal sealed class CliRun : IDisposable
{
    public string Root { get; } = Path.Combine(Path.GetTempPath(), $"contrastive-cli-{Guid.NewGuid():N}");

    public CliRun() => Directory.CreateDirectory(Root);

    public string Store => Path.Combine(Root, "store");

    public string Out => Path.Combine(Root, "out");

    public string Spec(string yaml, string name = "spec.yaml")
    {
        var path = Path.Combine(Root, name);
        File.WriteAllText(path, yaml);
        return path;
    }

    public static async Task<(int Exit, string Out, string Error)> Invoke(CancellationToken cancellationToken, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await ContrastiveCli.RunAsync(args, new CliConsole(stdout, stderr, IsTerminal: false), cancellationToken);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    public static Task<(int Exit, string Out, string Error)> Invoke(params string[] args) =>
        Invoke(TestContext.Current.CancellationToken, args);

    public void Dispose()
    {
        if (Directory.Exists(Root)) Directory.Delete(Root, recursive: true);
    }
}
