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
    public static void WriteText(this BinaryWriter w, string? text)
    {
        w.Write(text is not null);
        if (text is not null) w.Write(text);
    }

    public static string? ReadText(this BinaryReader r) => r.ReadBoolean() ? r.ReadString() : null;

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
        var left = r.BaseStream.CanSeek ? r.BaseStream.Length - r.BaseStream.Position : 1 << 24;
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
