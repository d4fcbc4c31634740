using System.Collections;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ContrastiveOrleans.Experiments.Abstractions;

/// <summary>
/// Immutable parameter values of one point: long, double, string or bool, keyed by name. Its canonical JSON (sorted
/// keys, invariant round-trip numbers) is what point ids hash and what crosses grain boundaries.
/// </summary>
public sealed class ParameterSet : IReadOnlyDictionary<string, object>
{
    private readonly SortedDictionary<string, object> _values;

    /// <summary>Names read through this view (<see cref="Tracking"/>); null for an ordinary set.</summary>
    private readonly ISet<string>? _reads;

    private ParameterSet(SortedDictionary<string, object> values, ISet<string> reads)
    {
        _values = values;
        _reads = reads;
    }

    public ParameterSet(IEnumerable<KeyValuePair<string, object>> values)
    {
        _values = new SortedDictionary<string, object>(StringComparer.Ordinal);
        foreach (var (key, value) in values)
        {
            _values[key] = value switch
            {
                int i => (long)i,
                float f => (double)f,
                long or double or string or bool => value,
                _ => throw new ArgumentException($"{key}: unsupported value type {value.GetType().Name}", nameof(values)),
            };
        }
    }

    public static ParameterSet Empty { get; } = new([]);

    public object this[string key] => _values[Read(key)];
    public IEnumerable<string> Keys => ReadAll().Keys;
    public IEnumerable<object> Values => ReadAll().Values;
    public int Count => _values.Count;
    public bool ContainsKey(string key) => _values.ContainsKey(Read(key));
    public bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out object value) =>
        _values.TryGetValue(Read(key), out value);
    public IEnumerator<KeyValuePair<string, object>> GetEnumerator() => ReadAll().GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public long GetInt(string name) => (long)this[name];
    public double GetDouble(string name) => Convert.ToDouble(this[name], CultureInfo.InvariantCulture);
    public string GetString(string name) => (string)this[name];
    public bool GetBool(string name) => (bool)this[name];

    /// <summary>
    /// The same values, recording into <paramref name="reads"/> every name that is read. A check run on such a view
    /// tells which parameters its answer depends on, so a sweep's combinations can be checked once per distinct value
    /// of those axes instead of once per point.
    /// </summary>
    public ParameterSet Tracking(ISet<string> reads)
    {
        ArgumentNullException.ThrowIfNull(reads);
        return new ParameterSet(_values, reads);
    }

    private string Read(string key)
    {
        _reads?.Add(key);
        return key;
    }

    private SortedDictionary<string, object> ReadAll()
    {
        if (_reads is not null)
        {
            foreach (var key in _values.Keys) _reads.Add(key);
        }
        return _values;
    }

    /// <summary>A copy with the entries of <paramref name="overrides"/> replacing or adding to these.</summary>
    public ParameterSet With(IEnumerable<KeyValuePair<string, object>> overrides)
    {
        var merged = new Dictionary<string, object>(ReadAll(), StringComparer.Ordinal);
        foreach (var (k, v) in overrides) merged[k] = v;
        return new ParameterSet(merged);
    }

    public string ToCanonicalJson()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            WriteTo(writer);
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    public void WriteTo(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        foreach (var (key, value) in ReadAll())
        {
            writer.WritePropertyName(key);
            switch (value)
            {
                case long l: writer.WriteNumberValue(l); break;
                // "R" keeps the double exact and distinguishes 1.0 (written 1.0) from the integer 1.
                case double d: writer.WriteRawValue(FormatDouble(d)); break;
                case string s: writer.WriteStringValue(s); break;
                case bool b: writer.WriteBooleanValue(b); break;
            }
        }
        writer.WriteEndObject();
    }

    public static ParameterSet FromJson(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return FromJson(doc.RootElement);
    }

    public static ParameterSet FromJson(JsonElement element)
    {
        var values = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var p in element.EnumerateObject())
        {
            values[p.Name] = p.Value.ValueKind switch
            {
                JsonValueKind.String => p.Value.GetString()!,
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                JsonValueKind.Number when IsIntegerLiteral(p.Value.GetRawText()) && p.Value.TryGetInt64(out var l) => l,
                JsonValueKind.Number => p.Value.GetDouble(),
                _ => throw new FormatException($"{p.Name}: unsupported JSON value {p.Value.ValueKind}"),
            };
        }
        return new ParameterSet(values);
    }

    public static string FormatDouble(double d)
    {
        var text = d.ToString("R", CultureInfo.InvariantCulture);
        return IsIntegerLiteral(text) ? text + ".0" : text;
    }

    private static bool IsIntegerLiteral(string text) => text.All(c => char.IsAsciiDigit(c) || c == '-');

    public override string ToString() => ToCanonicalJson();
}
