using System.CommandLine;
using System.CommandLine.Parsing;

namespace ContrastiveOrleans.Client.Cli;

/// <summary>
/// The parser's errors as our one line naming the token or option and what is allowed: "--frobnicate: unknown option
/// for 'run'; one of --out, ...", "SPEC: missing; give ...", "--out: missing value", "x: unexpected argument".
/// </summary>
public static class CliErrors
{
    public static string OneLine(ParseResult result, IReadOnlyList<string> commands)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(commands);
        var command = result.CommandResult.Command;
        if (Misplaced(result) is { } message) return message;
        if (result.UnmatchedTokens.Count > 0)
        {
            var token = result.UnmatchedTokens[0];
            if (command is RootCommand)
            {
                return token.StartsWith('-')
                    ? $"{token}: unknown option; give a command first, one of {string.Join(", ", commands)} (--help for usage)"
                    : $"{token}: unknown command; one of {string.Join(", ", commands)}";
            }
            if (token.StartsWith('-') && token.Length > 1)
            {
                var options = command is CliCommand cli ? cli.OptionNames.ToList() : [];
                return $"{token}: unknown option for '{command.Name}'; {(options.Count == 0 ? "it takes none" : "one of " + string.Join(", ", options))}";
            }
            return $"{token}: unexpected argument";
        }
        foreach (var child in result.CommandResult.Children)
        {
            if (child is OptionResult option && option.Option.Arity.MinimumNumberOfValues > 0)
            {
                if (option.Tokens.Count == 0) return $"{option.Option.Name}: missing value";
                if (option.Tokens.Count > option.Option.Arity.MaximumNumberOfValues) return $"{option.Option.Name}: given more than once";
            }
        }
        foreach (var argument in command.Arguments)
        {
            if (argument.Arity.MinimumNumberOfValues > 0 && result.GetResult(argument) is not { Tokens.Count: > 0 })
            {
                return $"{argument.Name}: missing; give {What(argument.Description)}";
            }
        }
        return result.Errors[0].Message.TrimEnd('.');
    }

    /// <summary>
    /// What the parser lets through but is bad input all the same: an unknown option taken as the value of an
    /// argument (`run SPEC --frobnicate` fills the overrides), an option given twice, an option without its value.
    /// Null when there is none.
    /// </summary>
    public static string? Misplaced(ParseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var command = result.CommandResult.Command;
        var options = command is CliCommand cli ? cli.OptionNames.ToList() : [];
        foreach (var argument in result.CommandResult.Children.OfType<ArgumentResult>())
        {
            if (argument.Tokens.FirstOrDefault(t => t.Value.Length > 1 && t.Value[0] == '-' && !double.TryParse(t.Value, System.Globalization.CultureInfo.InvariantCulture, out _)) is { } token)
            {
                return $"{token.Value}: unknown option for '{command.Name}'; {(options.Count == 0 ? "it takes none" : "one of " + string.Join(", ", options))}";
            }
        }
        var tokens = result.Tokens;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < tokens.Count; i++)
        {
            if (tokens[i].Type != TokenType.Option || command.Options.FirstOrDefault(o => o.Name == tokens[i].Value || o.Aliases.Contains(tokens[i].Value)) is not { } option) continue;
            if (option is System.CommandLine.Help.HelpOption) continue;
            var takesValue = option.Arity.MinimumNumberOfValues > 0;
            if (takesValue && (i + 1 >= tokens.Count || tokens[i + 1].Type != TokenType.Argument)) return $"{option.Name}: missing value";
            if (!seen.Add(option.Name)) return $"{option.Name}: given more than once";
        }
        return null;
    }

    /// <summary>"The path of a sweep file." → "the path of a sweep file".</summary>
    private static string What(string? description) =>
        string.IsNullOrEmpty(description) ? "a value" : char.ToLowerInvariant(description[0]) + description[1..].Split(". ")[0].TrimEnd('.');
}
