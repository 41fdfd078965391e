namespace SameSession.Core.Sessions.Cache;

/// <summary>How one provider's facts are laid out in its cache file. Bump <see cref="Version"/> whenever the layout changes:
/// a file written with another version is rebuilt.</summary>
internal interface IFactsCodec<T> where T : class
{
    int Version { get; }

    void Write(BinaryWriter writer, T facts);

    T Read(BinaryReader reader);
}

/// <summary>The nullable values facts are made of, in the cache's binary layout.</summary>
internal static class FactsBinary
{
    private const byte NoText = 0, Utf8Text = 1, Utf16Text = 2;

    /// <summary>A string, or null. UTF-8 (the writer's encoding) cannot carry a lone surrogate (a prompt cut inside an
    /// emoji, written by JSON.stringify as "\ud83d"): such a string is stored as its UTF-16 code units, so a cached
    /// description reads back exactly as a fresh scan makes it.</summary>
    public static void WriteText(this BinaryWriter w, string? text)
    {
        if (text is null) { w.Write(NoText); return; }
        if (IsValidUtf16(text)) { w.Write(Utf8Text); w.Write(text); return; }
        w.Write(Utf16Text);
        w.Write(text.Length);
        foreach (var c in text) w.Write((ushort)c);
    }

    public static string? ReadText(this BinaryReader r)
    {
        switch (r.ReadByte())
        {
            case NoText: return null;
            case Utf8Text: return r.ReadString();
            case Utf16Text:
                var length = r.ReadCount();
                return string.Create(length, r, static (chars, reader) =>
                {
                    for (var i = 0; i < chars.Length; i++) chars[i] = (char)reader.ReadUInt16();
                });
            case var marker: throw new InvalidDataException($"text marker {marker} is not known");
        }
    }

    private static bool IsValidUtf16(string text)
    {
        var span = text.AsSpan();
        var i = span.IndexOfAnyInRange('\uD800', '\uDFFF');
        if (i < 0) return true;
        for (; i < span.Length; i++)
        {
            if (!char.IsSurrogate(span[i])) continue;
            if (char.IsHighSurrogate(span[i]) && i + 1 < span.Length && char.IsLowSurrogate(span[i + 1])) { i++; continue; }
            return false;
        }
        return true;
    }

    /// <summary>Ticks and offset, so a cached time prints exactly like a freshly parsed one.</summary>
    public static void WriteTime(this BinaryWriter w, DateTimeOffset? time)
    {
        w.Write(time.HasValue);
        if (time is not { } t) return;
        w.Write(t.Ticks);
        w.Write((short)t.Offset.TotalMinutes);
    }

    public static DateTimeOffset? ReadTime(this BinaryReader r) =>
        r.ReadBoolean() ? new DateTimeOffset(r.ReadInt64(), TimeSpan.FromMinutes(r.ReadInt16())) : null;

    /// <summary>A count written by <see cref="BinaryWriter.Write(int)"/>; a corrupt one fails here instead of allocating wildly:
    /// every item takes at least one byte, so a count larger than the bytes left cannot be true (and callers pre-size
    /// their collections with it).</summary>
    public static int ReadCount(this BinaryReader r)
    {
        var n = r.ReadInt32();
        var left = r is FactsFileReader buffered ? buffered.Remaining : r.BaseStream.CanSeek ? r.BaseStream.Length - r.BaseStream.Position : 1 << 24;
        return n >= 0 && n <= Math.Min(left, 1 << 24) ? n : throw new InvalidDataException($"count {n} is out of range");
    }

    public static void WriteTexts(this BinaryWriter w, IReadOnlyList<string> texts)
    {
        w.Write(texts.Count);
        foreach (var t in texts) w.Write(t);
    }

    public static List<string> ReadTexts(this BinaryReader r)
    {
        var n = r.ReadCount();
        var list = new List<string>(n);
        for (var i = 0; i < n; i++) list.Add(r.ReadString());
        return list;
    }
}
