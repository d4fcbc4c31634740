using System.CommandLine;
using System.CommandLine.Invocation;

namespace ContrastiveOrleans.Client.Cli;

/// <summary>The parser's help, with a command's full description before it and its examples after it.</summary>
public sealed class ExamplesHelpAction(SynchronousCommandLineAction inner, TextWriter output) : SynchronousCommandLineAction
{
    /// <summary>As the parser's own help: `run --help` without a SPEC is help, not a missing argument.</summary>
    public override bool ClearsParseErrors => true;

    public override int Invoke(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        var command = parseResult.CommandResult.Command as CliCommand;
        var exit = inner.Invoke(parseResult);
        if (command?.Examples is { } examples)
        {
            if (command.Details is { } details && details != command.Description) output.WriteLine(details.Replace("\n", "\n  ", StringComparison.Ordinal).Insert(0, "  ") + "\n");
            output.WriteLine(examples.Replace("\n", "\n  ", StringComparison.Ordinal).TrimEnd());
            output.WriteLine();
        }
        return exit;
    }
}
