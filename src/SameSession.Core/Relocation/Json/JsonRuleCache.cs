namespace SameSession.Core.Relocation.Json;

/// <summary>
/// Remembers a rule's decision per place in a line: the raw names and "type" members of the enclosing containers and
/// the string's own name, which is everything a <see cref="JsonStringSite"/> shows besides the value. Every Claude
/// line repeats the same few places (cwd, tool input paths), so most strings skip building a site.
/// </summary>
internal sealed class JsonRuleCache
{
    private const int MaxEntries = 4096;
    private readonly Dictionary<int, (byte[] Key, JsonStringRewrite Decision)> _entries = [];
    private byte[] _key = new byte[256];
    private int _length;

    /// <summary>The key of the string being decided; fill it, then <see cref="TryGet"/>.</summary>
    public JsonRuleCache Key => this;

    public void Clear() => _length = 0;

    /// <summary>A container's or the string's name: -2 = array element, -1 = none (the line's root).</summary>
    public void Name(ReadOnlySpan<byte> line, int start, int length, bool escaped)
    {
        if (start < 0) Put(start == -2 ? (byte)1 : (byte)0);
        else Bytes(2, line.Slice(start, length), escaped);
    }

    public void Type(bool isArray, ReadOnlySpan<byte> line, int start, int length, bool escaped)
    {
        if (isArray) Put(3);
        else if (start < 0) Put(4);
        else Bytes(5, line.Slice(start, length), escaped);
    }

    public void PropertyName() => Put(6);

    public bool TryGet(out JsonStringRewrite decision)
    {
        decision = default;
        if (!_entries.TryGetValue(Hash(), out var e) || !e.Key.AsSpan().SequenceEqual(_key.AsSpan(0, _length))) return false;
        decision = e.Decision;
        return true;
    }

    public void Remember(JsonStringRewrite decision)
    {
        if (_entries.Count < MaxEntries) _entries.TryAdd(Hash(), (_key[.._length], decision));
    }

    private int Hash()
    {
        var h = new HashCode();
        h.AddBytes(_key.AsSpan(0, _length));
        return h.ToHashCode();
    }

    private void Bytes(byte tag, ReadOnlySpan<byte> raw, bool escaped)
    {
        Ensure(raw.Length + 6);
        _key[_length++] = tag;
        _key[_length++] = escaped ? (byte)1 : (byte)0;
        BitConverter.TryWriteBytes(_key.AsSpan(_length), raw.Length);
        _length += 4;
        raw.CopyTo(_key.AsSpan(_length));
        _length += raw.Length;
    }

    private void Put(byte tag)
    {
        Ensure(1);
        _key[_length++] = tag;
    }

    private void Ensure(int more)
    {
        if (_length + more > _key.Length) Array.Resize(ref _key, Math.Max(_key.Length * 2, _length + more));
    }
}
