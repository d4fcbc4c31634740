using System.Globalization;

namespace ContrastiveOrleans.Grains.Storage;

/// <summary>
/// Where each stored result is: point id (its 128 bits) → segment number, offset, length, done. Compact, about 45 bytes
/// a result (10⁶ results: 45 MB), and a done result is never replaced by a failed one. Not thread-safe: the stores
/// hold their own lock around it.
/// </summary>
internal sealed class ResultIndex
{
    private readonly Dictionary<UInt128, ResultEntry> _entries = [];
    private readonly Dictionary<string, int> _numbers = new(StringComparer.Ordinal);
    private readonly List<string> _segments = [];

    public int Count => _entries.Count;

    /// <summary>The number of a segment (by path or blob name), assigned on first sight.</summary>
    public int Segment(string name)
    {
        if (_numbers.TryGetValue(name, out var number)) return number;
        number = _segments.Count;
        _segments.Add(name);
        _numbers[name] = number;
        return number;
    }

    public string SegmentName(int number) => _segments[number];

    public void Add(string id, ResultEntry entry)
    {
        if (Key(id) is not { } key) return;
        if (_entries.TryGetValue(key, out var old) && old.Done && !entry.Done) return;
        _entries[key] = entry;
    }

    /// <summary>An entry of the earlier one-file-per-point layout, unless the id is indexed already.</summary>
    public void AddLegacy(string id)
    {
        if (Key(id) is { } key) _entries.TryAdd(key, new ResultEntry(-1, 0, 0, Done: false));
    }

    public ResultEntry? Find(string id) => Key(id) is { } key && _entries.TryGetValue(key, out var entry) ? entry : null;

    /// <summary>The 128 bits of a point id (32 hex digits); null for anything else (no such point is stored).</summary>
    public static UInt128? Key(string id) =>
        id is { Length: 32 } && UInt128.TryParse(id, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var key) ? key : null;

    public static bool IsPointId(string id) => Key(id) is not null;
}
