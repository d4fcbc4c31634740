using System.Text.RegularExpressions;

namespace ContrastiveOrleans.Sweeps;

/// <summary>
/// Hydra-style overrides of a sweep file from the command line: <c>params.epochs=5</c>, <c>seeds=2</c>,
/// <c>grid.noise=[0, 0.2]</c>, <c>resources.threads=2</c> set (or add) the value at a dotted path, the value read as
/// YAML; <c>~grid.noise</c> removes one. They are applied to the file's YAML before it is parsed, so an override is
/// validated exactly like the file, its errors name the override, and the same values give the same point ids.
/// </summary>
public static partial class SpecOverrides
{
    public static bool LooksLikeOverride(string argument) =>
        argument is not null && (argument.StartsWith('~') || OverridePattern().IsMatch(argument));

    /// <summary>The file's tree (null for an empty file) with every override applied in order.</summary>
    public static SpecNode Apply(SpecNode? root, IReadOnlyList<string> overrides)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        var result = root ?? new SpecMapping([], 0, 0);
        foreach (var text in overrides)
        {
            var delete = text.StartsWith('~');
            var match = OverridePattern().Match(delete ? text[1..] + "=" : text);
            if (!match.Success)
            {
                throw new SweepSpecException(new SpecError("override", $"'{text}' is not PATH=VALUE or ~PATH (e.g. params.epochs=5, grid.noise=[0, 0.2], ~random)"));
            }
            var path = match.Groups["path"].Value.Split('.');
            SpecNode? value = null;
            if (!delete)
            {
                var read = SpecYamlReader.Read(match.Groups["value"].Value, text) ?? new SpecScalar(null, "", 0, 0);
                value = Mark(read, text);
            }
            result = Set(result, path, 0, value, text);
        }
        return result;
    }

    private static SpecNode Set(SpecNode node, string[] path, int depth, SpecNode? value, string origin)
    {
        var at = string.Join('.', path[..depth]);
        if (node is not SpecMapping mapping)
        {
            throw new SweepSpecException(new SpecError(at.Length == 0 ? "spec" : at, $"is not a mapping, so '{string.Join('.', path)}' cannot be set") { Origin = origin });
        }
        var key = path[depth];
        var entries = mapping.Entries.ToList();
        var index = entries.FindIndex(e => e.Key.Text == key);
        if (depth == path.Length - 1)
        {
            if (value is null)
            {
                if (index < 0) throw new SweepSpecException(new SpecError(string.Join('.', path), "not in the sweep file, so there is nothing to remove") { Origin = origin });
                entries.RemoveAt(index);
            }
            else if (index >= 0) entries[index] = new(entries[index].Key, value);
            else entries.Add(new(new SpecScalar(key, key, 0, 0) { Origin = origin }, value));
        }
        else
        {
            var child = index >= 0 ? entries[index].Value : new SpecMapping([], 0, 0) { Origin = origin };
            if (child is SpecScalar { Value: null }) child = new SpecMapping([], 0, 0) { Origin = origin };
            var replaced = Set(child, path, depth + 1, value, origin);
            if (index >= 0) entries[index] = new(entries[index].Key, replaced);
            else entries.Add(new(new SpecScalar(key, key, 0, 0) { Origin = origin }, replaced));
        }
        return mapping with { Entries = entries };
    }

    /// <summary>The node and everything in it, marked as coming from <paramref name="origin"/> (errors name it).</summary>
    private static SpecNode Mark(SpecNode node, string origin) => node switch
    {
        SpecMapping m => m with { Origin = origin, Entries = [.. m.Entries.Select(e => new KeyValuePair<SpecScalar, SpecNode>(e.Key with { Origin = origin }, Mark(e.Value, origin)))] },
        SpecSequence s => s with { Origin = origin, Items = [.. s.Items.Select(i => Mark(i, origin))] },
        _ => node with { Origin = origin },
    };

    // A dotted path of names, '=', and the value (possibly empty).
    [GeneratedRegex(@"^(?<path>[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*)=(?<value>.*)\z", RegexOptions.Singleline)]
    private static partial Regex OverridePattern();
}
