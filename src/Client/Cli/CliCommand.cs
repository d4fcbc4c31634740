using System.CommandLine;

namespace ContrastiveOrleans.Client.Cli;

/// <summary>
/// A command of `contrastive`: System.CommandLine parses it and writes its help; the action is the command's own
/// and reports bad input by throwing (one line, exit code 2, see <see cref="ContrastiveCli"/>).
/// </summary>
public abstract class CliCommand : Command
{
    /// <param name="description">What the command does; an "Examples:" section at its end is shown only in the
    /// command's own help (the command list shows the first paragraph).</param>
    protected CliCommand(string name, string description, CliContext context)
        : base(name, Summary(description))
    {
        ArgumentNullException.ThrowIfNull(description);
        Context = context ?? throw new ArgumentNullException(nameof(context));
        var at = description.IndexOf("Examples:", StringComparison.Ordinal);
        Details = at < 0 ? null : description[..at].TrimEnd();
        Examples = at < 0 ? null : description[at..].TrimEnd();
        SetAction(ExecuteAsync);
    }

    protected CliContext Context { get; }

    /// <summary>The full description (all paragraphs), for the command's own help.</summary>
    public string? Details { get; }

    /// <summary>The "Examples:" section, printed after the command's help.</summary>
    public string? Examples { get; }

    protected CliConsole Console => Context.Console;

    private static string Summary(string description)
    {
        ArgumentNullException.ThrowIfNull(description);
        var at = description.IndexOf("Examples:", StringComparison.Ordinal);
        var text = (at < 0 ? description : description[..at]).Trim();
        var paragraph = text.IndexOf("\n\n", StringComparison.Ordinal);
        return paragraph < 0 ? text : text[..paragraph];
    }

    protected abstract Task<int> ExecuteAsync(ParseResult result, CancellationToken cancellationToken);

    /// <summary>The options bad input may name ("one of ..."), in the order help lists them.</summary>
    public IEnumerable<string> OptionNames => Options.Where(o => o is not System.CommandLine.Help.HelpOption).Select(o => o.Name);
}
