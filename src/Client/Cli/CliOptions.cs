using System.CommandLine;
using System.Globalization;

namespace ContrastiveOrleans.Client.Cli;

/// <summary>
/// Options read as text and checked by the command, so a bad value is our one line ("--workers: '0' is not an integer
/// in [1, 1024]") rather than the parser's; help still shows each option's value name and meaning.
/// </summary>
public static class CliOptions
{
    public static Option<string> Text(string name, string valueName, string description) =>
        new(name) { HelpName = valueName, Description = description };

    public static Option<bool> Switch(string name, string description) => new(name) { Description = description };

    public static Argument<string> Required(string name, string description) =>
        new(name) { Description = description, Arity = ArgumentArity.ExactlyOne };

    public static int? Integer(ParseResult result, Option<string> option, int min, int max)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.GetValue(option) is not { } text) return null;
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new UsageException($"{option.Name}: '{text}' is not an integer in [{min}, {max}]");
    }

    public static string? Choice(ParseResult result, Option<string> option, IReadOnlyList<string> allowed)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.GetValue(option) is not { } text) return null;
        return allowed.Contains(text, StringComparer.Ordinal) ? text : throw new UsageException($"{option.Name}: '{text}' is not one of {string.Join(", ", allowed)}");
    }

    /// <summary>Whether the user gave <paramref name="option"/> at all (a switch or a value).</summary>
    public static bool Given(ParseResult result, Option option)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.GetResult(option) is { Implicit: false };
    }
}
