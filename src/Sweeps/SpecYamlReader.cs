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
    public static SpecNode? Read(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        try
        {
            var parser = new Parser(new StringReader(text));
            parser.Consume<StreamStart>();
            if (parser.TryConsume<StreamEnd>(out _)) return null;
            parser.Consume<DocumentStart>();
            var anchors = new Dictionary<string, SpecNode>(StringComparer.Ordinal);
            var root = ReadNode(parser, anchors);
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

    private static SpecNode ReadNode(IParser parser, Dictionary<string, SpecNode> anchors)
    {
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
            var entries = new List<KeyValuePair<SpecScalar, SpecNode>>();
            while (!parser.TryConsume<MappingEnd>(out _))
            {
                var key = ReadNode(parser, anchors);
                if (key is not SpecScalar keyScalar)
                {
                    throw new SweepSpecException(new SpecError("yaml", "mapping keys must be plain names", key.Line, key.Column));
                }
                entries.Add(new(keyScalar, ReadNode(parser, anchors)));
            }
            node = new SpecMapping(entries, (int)mapping.Start.Line, (int)mapping.Start.Column);
        }
        else if (parser.TryConsume<SequenceStart>(out var sequence))
        {
            anchor = sequence.Anchor.IsEmpty ? null : sequence.Anchor.Value;
            var items = new List<SpecNode>();
            while (!parser.TryConsume<SequenceEnd>(out _)) items.Add(ReadNode(parser, anchors));
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

    /// <summary>YAML 1.2 core schema for plain scalars; quoted scalars and !!str are always strings.</summary>
    private static object? TypeScalar(Scalar scalar)
    {
        var text = scalar.Value;
        if (scalar.Style != ScalarStyle.Plain || (!scalar.Tag.IsEmpty && !scalar.Tag.IsNonSpecific && scalar.Tag.Value == "tag:yaml.org,2002:str")) return text;
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

    [GeneratedRegex(@"^[-+]?[0-9]+$")]
    private static partial Regex IntegerPattern();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex FloatPattern();

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\): ")]
    private static partial Regex PositionPrefix();
}
