using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace ContrastiveOrleans.Sweeps;

/// <summary>
/// Reads one YAML document into <see cref="SpecNode"/>s with positions. Uses the event parser rather than the
/// representation model because the latter rejects duplicate keys with an exception that names no path.
/// </summary>
public static partial class SpecYamlReader
{
    /// <summary>A `!!null` value, told apart from "this tag does not fit its text".</summary>
    private static readonly object TypedNull = new();

    /// <param name="origin">The override the text is the value of: its errors name it instead of a line.</param>
    public static SpecNode? Read(string text, string? origin = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        try
        {
            return ReadDocument(text);
        }
        catch (SweepSpecException e) when (origin is not null)
        {
            throw new SweepSpecException(e.Error with { Origin = origin });
        }
    }

    private static SpecNode? ReadDocument(string text)
    {
        try
        {
            var parser = new Parser(new StringReader(text));
            parser.Consume<StreamStart>();
            if (parser.TryConsume<StreamEnd>(out _)) return null;
            parser.Consume<DocumentStart>();
            var anchors = new Dictionary<string, SpecNode>(StringComparer.Ordinal);
            var root = ReadNode(parser, anchors, depth: 0);
            parser.Consume<DocumentEnd>();
            if (!parser.TryConsume<StreamEnd>(out _))
            {
                throw SweepSpecException.At("spec", root, "holds more than one YAML document; give exactly one");
            }
            return root is SpecScalar { Value: null } ? null : root;
        }
        catch (YamlException e)
        {
            // YamlDotNet prefixes its message with "(Line: .., Col: .., Idx: ..) - (..): "; the position is reported once.
            var message = PositionPrefix().Replace(e.Message, "");
            throw new SweepSpecException(new SpecError("yaml", $"syntax error: {message.TrimEnd('.')}", (int)e.Start.Line, (int)e.Start.Column));
        }
    }

    /// <summary>Recursive descent, so the depth is bounded: a file nested 100,000 levels deep must not overflow the stack.</summary>
    private static SpecNode ReadNode(IParser parser, Dictionary<string, SpecNode> anchors, int depth)
    {
        if (depth >= SpecLimits.MaxDepth)
        {
            var at = parser.Current;
            throw new SweepSpecException(new SpecError("yaml", $"nested deeper than {SpecLimits.MaxDepth} levels; a sweep file needs a handful",
                (int)(at?.Start.Line ?? 0), (int)(at?.Start.Column ?? 0)));
        }
        SpecNode node;
        string? anchor = null;
        if (parser.TryConsume<AnchorAlias>(out var alias))
        {
            return anchors.TryGetValue(alias.Value.Value, out var target)
                ? target
                : throw SweepSpecException.At("yaml", null, $"unknown alias *{alias.Value.Value}");
        }
        if (parser.TryConsume<Scalar>(out var scalar))
        {
            anchor = scalar.Anchor.IsEmpty ? null : scalar.Anchor.Value;
            node = new SpecScalar(TypeScalar(scalar), scalar.Value, (int)scalar.Start.Line, (int)scalar.Start.Column);
        }
        else if (parser.TryConsume<MappingStart>(out var mapping))
        {
            anchor = mapping.Anchor.IsEmpty ? null : mapping.Anchor.Value;
            CheckCollectionTag(mapping.Tag, "tag:yaml.org,2002:map", mapping);
            var entries = new List<KeyValuePair<SpecScalar, SpecNode>>();
            while (!parser.TryConsume<MappingEnd>(out _))
            {
                var key = ReadNode(parser, anchors, depth + 1);
                if (key is not SpecScalar keyScalar)
                {
                    throw new SweepSpecException(new SpecError("yaml", "mapping keys must be plain names", key.Line, key.Column));
                }
                entries.Add(new(keyScalar, ReadNode(parser, anchors, depth + 1)));
            }
            node = new SpecMapping(entries, (int)mapping.Start.Line, (int)mapping.Start.Column);
        }
        else if (parser.TryConsume<SequenceStart>(out var sequence))
        {
            anchor = sequence.Anchor.IsEmpty ? null : sequence.Anchor.Value;
            CheckCollectionTag(sequence.Tag, "tag:yaml.org,2002:seq", sequence);
            var items = new List<SpecNode>();
            while (!parser.TryConsume<SequenceEnd>(out _)) items.Add(ReadNode(parser, anchors, depth + 1));
            node = new SpecSequence(items, (int)sequence.Start.Line, (int)sequence.Start.Column);
        }
        else
        {
            var current = parser.Current;
            throw new SweepSpecException(new SpecError("yaml", $"unexpected {current?.GetType().Name ?? "end of file"}",
                (int)(current?.Start.Line ?? 0), (int)(current?.Start.Column ?? 0)));
        }
        if (anchor is not null) anchors[anchor] = node;
        return node;
    }

    /// <summary>
    /// YAML 1.2 core schema: plain scalars are typed by their text, quoted ones are strings, and a core tag (!!str,
    /// !!int, !!float, !!bool, !!null) types a scalar explicitly, so `!!float 5` is the number 5.0 (and an integer
    /// parameter then refuses it) rather than silently the integer 5. Other tags are refused.
    /// </summary>
    private static object? TypeScalar(Scalar scalar)
    {
        var text = scalar.Value;
        if (!scalar.Tag.IsEmpty && !scalar.Tag.IsNonSpecific)
        {
            var tag = scalar.Tag.Value;
            object? typed = tag switch
            {
                "tag:yaml.org,2002:str" => text,
                "tag:yaml.org,2002:int" => Plain(text) is long l ? l : null,
                "tag:yaml.org,2002:float" => Plain(text) switch { long l => (double)l, double d => d, _ => null },
                "tag:yaml.org,2002:bool" => Plain(text) as bool?,
                "tag:yaml.org,2002:null" => Plain(text) is null ? TypedNull : null,
                _ => throw new SweepSpecException(new SpecError("yaml",
                    $"unsupported tag {ShortTag(tag)}; use plain values (or !!str, !!int, !!float, !!bool)", (int)scalar.Start.Line, (int)scalar.Start.Column)),
            };
            return typed switch
            {
                null => throw new SweepSpecException(new SpecError("yaml", $"'{text}' is not a valid {ShortTag(tag)}", (int)scalar.Start.Line, (int)scalar.Start.Column)),
                _ when ReferenceEquals(typed, TypedNull) => null,
                _ => typed,
            };
        }
        return scalar.Style != ScalarStyle.Plain || (scalar.Tag.IsNonSpecific && scalar.Tag.Value == "!") ? text : Plain(text);
    }

    private static object? Plain(string text)
    {
        switch (text)
        {
            case "" or "~" or "null" or "Null" or "NULL": return null;
            case "true" or "True" or "TRUE": return true;
            case "false" or "False" or "FALSE": return false;
            case ".inf" or ".Inf" or ".INF" or "+.inf" or "+.Inf" or "+.INF": return double.PositiveInfinity;
            case "-.inf" or "-.Inf" or "-.INF": return double.NegativeInfinity;
            case ".nan" or ".NaN" or ".NAN": return double.NaN;
        }
        if (IntegerPattern().IsMatch(text) && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l))
        {
            return l;
        }
        if (FloatPattern().IsMatch(text)) return double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        return text;
    }

    private static void CheckCollectionTag(TagName tag, string allowed, ParsingEvent at)
    {
        if (tag.IsEmpty || tag.IsNonSpecific || tag.Value == allowed) return;
        throw new SweepSpecException(new SpecError("yaml", $"unsupported tag {ShortTag(tag.Value)}; use plain mappings and lists", (int)at.Start.Line, (int)at.Start.Column));
    }

    private static string ShortTag(string tag) => tag.StartsWith("tag:yaml.org,2002:", StringComparison.Ordinal) ? "!!" + tag["tag:yaml.org,2002:".Length..] : tag;

    [GeneratedRegex(@"^[-+]?[0-9]+$")]
    private static partial Regex IntegerPattern();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex FloatPattern();

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\): ")]
    private static partial Regex PositionPrefix();
}
