namespace ContrastiveOrleans.Client;

/// <summary>Where the CLI writes; <paramref name="IsTerminal"/> selects a redrawn progress line over periodic lines.</summary>
public sealed record CliConsole(TextWriter Out, TextWriter Error, bool IsTerminal)
{
    public static CliConsole System => new(Console.Out, Console.Error, !Console.IsOutputRedirected);
}
