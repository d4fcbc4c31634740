namespace ContrastiveOrleans.Grains.Storage;

/// <summary>A stored result's place: a segment (by number; -1 for a per-point file or blob of the earlier layout), the
/// line's offset and length in it, and whether it is a done result.</summary>
internal readonly record struct ResultEntry(int Segment, long Offset, int Length, bool Done);
