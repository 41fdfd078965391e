using System.Buffers;
using System.Text;
using System.Text.Json;

namespace SameSession.Core.Relocation.Json;

/// <summary>
/// Rewrites mapped paths inside one JSON line without re-serialising it: the line is tokenised, strings that mention
/// a source root are offered to a <see cref="JsonRewriteRule"/>, and only the strings that change are spliced in.
/// Every other byte (unknown fields, spacing, key order, escapes) is kept. A line that is not valid JSON is kept too.
/// </summary>
public sealed class JsonLineRewriter
{
    private readonly PathMap _map;
    private readonly JsonRewriteRule _rule;
    private readonly byte[][] _rawNeedles;
    private readonly bool _caseSensitive;
    private readonly List<Container> _containers = [];
    private readonly List<int> _stack = [];
    private readonly List<Candidate> _candidates = [];

    public JsonLineRewriter(PathMap map, JsonRewriteRule rule)
    {
        ArgumentNullException.ThrowIfNull(map);
        _map = map;
        _rule = rule;
        _caseSensitive = map.Mappings.All(m => m.SourceStyle.IsCaseSensitive());
        _rawNeedles = map.Mappings.Select(m => JsonEscapedUtf8(m.Source)).ToArray();
    }

    /// <summary>A cheap test: can this line contain a mapped root anywhere (in any JSON spelling)?</summary>
    public bool MightMatch(ReadOnlySpan<byte> line)
    {
        if (!_caseSensitive) return true; // case-folded spellings: let the tokeniser decide
        foreach (var n in _rawNeedles)
            if (line.IndexOf(n) >= 0) return true;
        // \uXXXX or \/ escapes can spell a root without its plain bytes.
        var i = line.IndexOf("\\u"u8);
        return i >= 0 || line.IndexOf("\\/"u8) >= 0;
    }

    /// <summary>Writes the rewritten line to <paramref name="output"/> and returns true, or returns false (nothing written) when it is unchanged.</summary>
    public bool TryRewrite(ReadOnlySpan<byte> line, IBufferWriter<byte> output)
    {
        if (!MightMatch(line)) return false;
        if (!Collect(line)) return false;

        var copied = 0;
        var changed = false;
        foreach (var c in _candidates)
        {
            var site = Site(line, c);
            var replacement = _rule(site) switch
            {
                JsonStringRewrite.Path => _map.TryMap(site.Value, out var mapped) ? mapped : null,
                JsonStringRewrite.Text => TextPathReplacer.Replace(_map, site.Value) is var t && !ReferenceEquals(t, site.Value) ? t : null,
                _ => null,
            };
            if (replacement is null || replacement == site.Value) continue;
            Copy(output, line[copied..c.TokenStart]);
            JsonStringEncoding.WriteQuoted(output, replacement);
            copied = c.TokenStart + c.RawLength + 2;
            changed = true;
        }
        if (!changed) return false;
        Copy(output, line[copied..]);
        return true;
    }

    /// <summary>
    /// Scans the line's structure, recording containers and the strings that mention a root. A purpose-built scanner
    /// rather than Utf8JsonReader: it jumps over long strings with a vectorised search and does not validate what it
    /// keeps byte for byte, which makes it several times faster on transcripts full of long escaped tool output.
    /// False when the structure is broken (the line is then kept as it is) or nothing mentions a root.
    /// </summary>
    private bool Collect(ReadOnlySpan<byte> line)
    {
        _containers.Clear();
        _stack.Clear();
        _candidates.Clear();
        int nameStart = -1, nameLen = 0;
        var nameEscaped = false;
        var nameIsType = false;
        var expectKey = false;
        var seenRoot = false;
        var i = 0;
        while (i < line.Length)
        {
            var c = line[i];
            switch (c)
            {
                case (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n':
                    i++;
                    continue;
                case (byte)'{' or (byte)'[':
                    if (_stack.Count == 0 && seenRoot) return false;
                    seenRoot = true;
                    _containers.Add(new Container(InArray ? -2 : nameStart, nameLen, nameEscaped, c == (byte)'['));
                    _stack.Add(_containers.Count - 1);
                    nameStart = -1;
                    nameIsType = false;
                    expectKey = c == (byte)'{';
                    i++;
                    continue;
                case (byte)'}' or (byte)']':
                    if (_stack.Count == 0 || _containers[_stack[^1]].IsArray != (c == (byte)']')) return false;
                    _stack.RemoveAt(_stack.Count - 1);
                    expectKey = false;
                    i++;
                    continue;
                case (byte)',':
                    if (_stack.Count == 0) return false;
                    expectKey = !InArray;
                    nameStart = -1;
                    nameIsType = false;
                    i++;
                    continue;
                case (byte)':':
                    i++;
                    continue;
                case (byte)'"':
                    var end = StringEnd(line, i + 1, out var escaped);
                    if (end < 0 || _stack.Count == 0) return false;
                    var rawStart = i + 1;
                    var raw = line[rawStart..end];
                    if (expectKey)
                    {
                        nameStart = rawStart;
                        nameLen = raw.Length;
                        nameEscaped = escaped;
                        nameIsType = !escaped && raw.SequenceEqual("type"u8);
                        expectKey = false;
                        if (Mentions(line, i, raw, escaped)) Record(i, raw.Length, escaped, isPropertyName: true, -1, 0, false);
                    }
                    else
                    {
                        if (nameIsType && !InArray)
                            _containers[_stack[^1]] = _containers[_stack[^1]] with { TypeStart = rawStart, TypeLen = raw.Length, TypeEscaped = escaped };
                        if (Mentions(line, i, raw, escaped)) Record(i, raw.Length, escaped, isPropertyName: false, InArray ? -2 : nameStart, nameLen, nameEscaped);
                        nameStart = -1;
                        nameIsType = false;
                    }
                    i = end + 1;
                    continue;
                default:
                    if (_stack.Count == 0) return false;
                    // A number or literal: skip to the next delimiter.
                    var stop = line[i..].IndexOfAny(Delimiters);
                    i = stop < 0 ? line.Length : i + stop;
                    nameStart = -1;
                    nameIsType = false;
                    continue;
            }
        }
        return seenRoot && _stack.Count == 0 && _candidates.Count > 0;
    }

    private static readonly System.Buffers.SearchValues<byte> Delimiters = System.Buffers.SearchValues.Create(",}] \t\r\n"u8);
    private static readonly System.Buffers.SearchValues<byte> QuoteOrBackslash = System.Buffers.SearchValues.Create("\"\\"u8);

    /// <summary>The index of the closing quote of a string whose content starts at <paramref name="from"/>, or -1.</summary>
    private static int StringEnd(ReadOnlySpan<byte> line, int from, out bool escaped)
    {
        escaped = false;
        var j = from;
        while (true)
        {
            var k = line[j..].IndexOfAny(QuoteOrBackslash);
            if (k < 0) return -1;
            j += k;
            if (line[j] == (byte)'"') return j;
            escaped = true;
            j += 2; // the escaped character (for \uXXXX the hex digits hold no quote or backslash)
            if (j >= line.Length) return -1;
        }
    }

    private bool InArray => _stack.Count > 0 && _containers[_stack[^1]].IsArray;

    /// <summary>Whether a string mentions a root: its raw bytes hold the root's JSON spelling, or (only then worth
    /// decoding) it uses \u or \/ escapes, or roots compare case-insensitively.</summary>
    private bool Mentions(ReadOnlySpan<byte> line, int tokenStart, ReadOnlySpan<byte> raw, bool escaped)
    {
        if (_caseSensitive)
        {
            foreach (var n in _rawNeedles)
                if (raw.IndexOf(n) >= 0) return true;
            if (!escaped || (raw.IndexOf("\\u"u8) < 0 && raw.IndexOf("\\/"u8) < 0)) return false;
        }
        return TextPathReplacer.ContainsAnyRoot(_map, Decode(line, tokenStart, raw.Length, escaped));
    }

    private void Record(int tokenStart, int rawLength, bool escaped, bool isPropertyName, int nameStart, int nameLen, bool nameEscaped) =>
        _candidates.Add(new Candidate(tokenStart, rawLength, escaped, isPropertyName, _stack.ToArray(), nameStart, nameLen, nameEscaped));

    /// <summary>The text of the string token at <paramref name="tokenStart"/> (its opening quote).</summary>
    private static string Decode(ReadOnlySpan<byte> line, int tokenStart, int rawLength, bool escaped)
    {
        if (!escaped) return Encoding.UTF8.GetString(line.Slice(tokenStart + 1, rawLength));
        var reader = new Utf8JsonReader(line.Slice(tokenStart, rawLength + 2));
        reader.Read();
        return reader.GetString()!;
    }

    private JsonStringSite Site(ReadOnlySpan<byte> line, Candidate c)
    {
        var sb = new StringBuilder();
        var types = new List<string?>();
        foreach (var id in c.Stack)
        {
            var k = _containers[id];
            if (k.NameStart == -2) sb.Append("[]");
            else if (k.NameStart >= 0) Append(sb, Text(line, k.NameStart, k.NameLen, k.NameEscaped));
            if (!k.IsArray) types.Add(k.TypeStart >= 0 ? Text(line, k.TypeStart, k.TypeLen, k.TypeEscaped) : null);
        }
        if (!c.IsPropertyName)
        {
            if (c.NameStart == -2) sb.Append("[]");
            else if (c.NameStart >= 0) Append(sb, Text(line, c.NameStart, c.NameLen, c.NameEscaped));
        }
        var text = line.Slice(c.TokenStart, c.RawLength + 2).ToArray();
        return new JsonStringSite(sb.ToString(), c.IsPropertyName, () => Decode(text, 0, c.RawLength, c.Escaped), types.ToArray());
    }

    private static void Append(StringBuilder sb, string name)
    {
        if (sb.Length > 0) sb.Append('.');
        sb.Append(name);
    }

    private static string Text(ReadOnlySpan<byte> line, int start, int len, bool escaped)
    {
        var raw = line.Slice(start, len);
        if (!escaped) return Encoding.UTF8.GetString(raw);
        var quoted = new byte[len + 2];
        quoted[0] = quoted[^1] = (byte)'"';
        raw.CopyTo(quoted.AsSpan(1));
        return JsonSerializer.Deserialize<string>(quoted)!;
    }

    private static void Copy(IBufferWriter<byte> output, ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(output.GetSpan(bytes.Length));
        output.Advance(bytes.Length);
    }

    private static byte[] JsonEscapedUtf8(string s)
    {
        var w = new ArrayBufferWriter<byte>();
        JsonStringEncoding.WriteQuoted(w, s);
        return w.WrittenSpan[1..^1].ToArray();
    }

    private readonly record struct Container(int NameStart, int NameLen, bool NameEscaped, bool IsArray)
    {
        public int TypeStart { get; init; } = -1;
        public int TypeLen { get; init; }
        public bool TypeEscaped { get; init; }
    }

    private sealed record Candidate(int TokenStart, int RawLength, bool Escaped, bool IsPropertyName, int[] Stack,
        int NameStart, int NameLen, bool NameEscaped);
}
