namespace ContrastiveOrleans.Client;

/// <summary>
/// The arguments after the command name: positionals and `--flag value` / `--flag=value` options. Hand-rolled so every
/// error is one line in our format and exits with code 2.
/// </summary>
public sealed class CommandLine
{
    private readonly Dictionary<string, string> _options = new(StringComparer.Ordinal);
    private readonly List<string> _positionals = [];
    private readonly HashSet<string> _flags = new(StringComparer.Ordinal);

    /// <param name="flags">Options that take no value (present or absent), e.g. --wait.</param>
    public CommandLine(string command, IEnumerable<string> args, IReadOnlyCollection<string> allowedOptions, IReadOnlyCollection<string>? flags = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(allowedOptions);
        using var e = args.GetEnumerator();
        while (e.MoveNext())
        {
            var arg = e.Current;
            if (!arg.StartsWith('-') || arg == "-")
            {
                _positionals.Add(arg);
                continue;
            }
            if (flags is not null && flags.Contains(arg))
            {
                if (!_flags.Add(arg)) throw new UsageException($"{arg}: given more than once");
                continue;
            }
            var (name, value) = arg.Split('=', 2) is [var n, var v] ? (n, v) : (arg, null);
            if (!allowedOptions.Contains(name))
            {
                var all = allowedOptions.Concat(flags ?? []).ToList();
                var allowed = all.Count == 0 ? "it takes none" : $"one of {string.Join(", ", all)}";
                throw new UsageException($"{name}: unknown option for '{command}'; {allowed}");
            }
            if (value is null)
            {
                if (!e.MoveNext() || e.Current.StartsWith("--", StringComparison.Ordinal)) throw new UsageException($"{name}: missing value");
                value = e.Current;
            }
            if (!_options.TryAdd(name, value)) throw new UsageException($"{name}: given more than once");
        }
    }

    public string Positional(string name, string what = "the path of a sweep file")
    {
        if (_positionals.Count == 0) throw new UsageException($"{name}: missing; give {what}");
        if (_positionals.Count > 1) throw new UsageException($"{_positionals[1]}: unexpected argument; give exactly one {name}");
        return _positionals[0];
    }

    public void NoPositionals()
    {
        if (_positionals.Count > 0) throw new UsageException($"{_positionals[0]}: unexpected argument");
    }

    public string? Option(string name) => _options.GetValueOrDefault(name);

    public bool Flag(string name) => _flags.Contains(name);

    public int? IntOption(string name, int min, int max)
    {
        if (Option(name) is not { } text) return null;
        return int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new UsageException($"{name}: '{text}' is not an integer in [{min}, {max}]");
    }

    public string? ChoiceOption(string name, IReadOnlyList<string> allowed)
    {
        if (Option(name) is not { } text) return null;
        return allowed.Contains(text, StringComparer.Ordinal)
            ? text
            : throw new UsageException($"{name}: '{text}' is not one of {string.Join(", ", allowed)}");
    }
}
