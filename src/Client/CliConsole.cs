namespace ContrastiveOrleans.Client;

/// <summary>Where the CLI writes; <paramref name="IsTerminal"/> selects a redrawn progress line over periodic lines.</summary>
/// <param name="TerminalWidth">The terminal's columns now (read at each redraw: a window can be resized).</param>
public sealed record CliConsole(TextWriter Out, TextWriter Error, bool IsTerminal, Func<int>? TerminalWidth = null)
{
    public static CliConsole System => new(Console.Out, Console.Error, !Console.IsOutputRedirected, ReadWidth);

    /// <summary>Columns of the terminal, or null when unknown.</summary>
    public int? Width => TerminalWidth?.Invoke() is > 0 and var width ? width : null;

    private static int ReadWidth()
    {
        try
        {
            return Console.WindowWidth;
        }
        catch (IOException)
        {
            return 0;
        }
    }
}
