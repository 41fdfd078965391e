using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace SameSession.Core.Relocation.Json;

/// <summary>
/// Rewrites mapped paths inside one JSON line without re-serialising it: the line is tokenised, strings that mention
/// a source root are offered to a <see cref="JsonRewriteRule"/>, and only the strings that change are spliced in.
/// Every other byte (unknown fields, spacing, key order, escapes) is kept. A line that is not valid JSON is kept too.
/// Not thread-safe: one instance per file being rewritten.
/// </summary>
public sealed class JsonLineRewriter
{
    private readonly PathMap _map;
    private readonly JsonRewriteRule _rule;
    private readonly byte[][] _rawNeedles;
    private readonly bool _caseSensitive;
    private readonly JsonRuleCache _decisions = new();

    // Per-line scratch, reused: containers seen, the open ones, strings that mention a root, their stacks.
    private Container[] _containers = new Container[32];
    private int _containerCount;
    private int[] _stack = new int[32];
    private int _depth;
    private Candidate[] _candidates = new Candidate[16];
    private int _candidateCount;
    private int[] _stackCopies = new int[128];
    private int _stackCopyCount;
    private int[] _hits = new int[16]; // where a root's plain spelling starts, ascending
    private int[] _hitEnds = new int[16]; // and where it ends
    private int _hitCount;
    private int _nextHit;
    private bool _lineHasOtherSpellings;

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
        return HasOtherSpellings(line);
    }

    /// <summary>\uXXXX or \/ escapes can spell a root without its plain bytes.</summary>
    private static bool HasOtherSpellings(ReadOnlySpan<byte> s) => s.IndexOf("\\u"u8) >= 0 || s.IndexOf("\\/"u8) >= 0;

    /// <summary>Writes the rewritten line to <paramref name="output"/> and returns true, or returns false (nothing written) when it is unchanged.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool TryRewrite(ReadOnlySpan<byte> line, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (_caseSensitive)
        {
            FindHits(line);
            _lineHasOtherSpellings = HasOtherSpellings(line);
            if (_hitCount == 0 && !_lineHasOtherSpellings) return false;
        }
        if (!Collect(line)) return false;

        var copied = 0;
        var changed = false;
        for (var k = 0; k < _candidateCount; k++)
        {
            ref readonly var c = ref _candidates[k];
            var decision = Decide(line, c);
            if (decision is not (JsonStringRewrite.Path or JsonStringRewrite.Text)) continue;
            if (Decode(line, c.TokenStart, c.RawLength, c.Escaped) is not { } value) continue; // undecodable: kept as it is
            var replacement = decision == JsonStringRewrite.Path
                ? (_map.TryMap(value, out var mapped) ? mapped : null)
                : TextPathReplacer.Replace(_map, value);
            if (replacement is null || ReferenceEquals(replacement, value) || replacement == value) continue;
            Copy(output, line[copied..c.TokenStart]);
            JsonStringEncoding.WriteQuoted(output, replacement);
            copied = c.TokenStart + c.RawLength + 2;
            changed = true;
        }
        if (!changed) return false;
        Copy(output, line[copied..]);
        return true;
    }

    /// <summary>Every start of a root's plain JSON spelling in the line (overlaps included).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void FindHits(ReadOnlySpan<byte> line)
    {
        _hitCount = 0;
        _nextHit = 0;
        foreach (var n in _rawNeedles)
        {
            var from = 0;
            int k;
            while ((k = line[from..].IndexOf(n)) >= 0)
            {
                if (_hitCount == _hits.Length)
                {
                    Array.Resize(ref _hits, _hits.Length * 2);
                    Array.Resize(ref _hitEnds, _hits.Length);
                }
                _hitEnds[_hitCount] = from + k + n.Length;
                _hits[_hitCount++] = from + k;
                from += k + 1;
            }
        }
        if (_rawNeedles.Length > 1) Array.Sort(_hits, _hitEnds, 0, _hitCount);
    }

    /// <summary>
    /// Scans the line's structure, recording containers and the strings that mention a root. A purpose-built scanner
    /// rather than Utf8JsonReader: it jumps over long strings with a vectorised search and does not validate what it
    /// keeps byte for byte, which makes it several times faster on transcripts full of long escaped tool output.
    /// False when the structure is broken (the line is then kept as it is) or nothing mentions a root.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool Collect(ReadOnlySpan<byte> line)
    {
        _containerCount = 0;
        _depth = 0;
        _candidateCount = 0;
        _stackCopyCount = 0;
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
                    if (_depth == 0 && seenRoot) return false;
                    seenRoot = true;
                    if (_containerCount == _containers.Length) Array.Resize(ref _containers, _containers.Length * 2);
                    _containers[_containerCount] = new Container(InArray ? -2 : nameStart, nameLen, nameEscaped, c == (byte)'[');
                    if (_depth == _stack.Length) Array.Resize(ref _stack, _stack.Length * 2);
                    _stack[_depth++] = _containerCount++;
                    nameStart = -1;
                    nameIsType = false;
                    expectKey = c == (byte)'{';
                    i++;
                    continue;
                case (byte)'}' or (byte)']':
                    if (_depth == 0 || _containers[_stack[_depth - 1]].IsArray != (c == (byte)']')) return false;
                    _depth--;
                    expectKey = false;
                    i++;
                    continue;
                case (byte)',':
                    if (_depth == 0) return false;
                    expectKey = !InArray;
                    nameStart = -1;
                    nameIsType = false;
                    i++;
                    continue;
                case (byte)':':
                    i++;
                    continue;
                case (byte)'"':
                    var end = StringEnd(line, i + 1);
                    if (end < 0 || _depth == 0) return false;
                    var rawStart = i + 1;
                    var raw = line[rawStart..end];
                    if (expectKey)
                    {
                        nameStart = rawStart;
                        nameLen = raw.Length;
                        nameEscaped = IsEscaped(raw);
                        nameIsType = raw.SequenceEqual("type"u8);
                        expectKey = false;
                        if (Mentions(rawStart, end, raw)) Record(i, raw.Length, nameEscaped, isPropertyName: true, -1, 0, false);
                    }
                    else
                    {
                        if (nameIsType && !InArray)
                        {
                            ref var k = ref _containers[_stack[_depth - 1]];
                            k.TypeStart = rawStart;
                            k.TypeLen = raw.Length;
                            k.TypeEscaped = IsEscaped(raw);
                        }
                        if (Mentions(rawStart, end, raw)) Record(i, raw.Length, IsEscaped(raw), isPropertyName: false, InArray ? -2 : nameStart, nameLen, nameEscaped);
                        nameStart = -1;
                        nameIsType = false;
                    }
                    i = end + 1;
                    continue;
                default:
                    if (_depth == 0) return false;
                    // A number or literal: skip to the next delimiter.
                    var stop = line[i..].IndexOfAny(Delimiters);
                    i = stop < 0 ? line.Length : i + stop;
                    nameStart = -1;
                    nameIsType = false;
                    continue;
            }
        }
        return seenRoot && _depth == 0 && _candidateCount > 0;
    }

    private static readonly SearchValues<byte> Delimiters = SearchValues.Create(",}] \t\r\n"u8);

    /// <summary>
    /// The index of the closing quote of a string whose content starts at <paramref name="from"/>, or -1. Searches for
    /// quotes only (one vectorised search per quote, not per escape): a quote after an odd run of backslashes is escaped.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int StringEnd(ReadOnlySpan<byte> line, int from)
    {
        var j = from;
        while (true)
        {
            var k = line[j..].IndexOf((byte)'"');
            if (k < 0) return -1;
            j += k;
            var b = j;
            while (b > from && line[b - 1] == (byte)'\\') b--;
            if (((j - b) & 1) == 0) return j;
            j++;
        }
    }

    private static bool IsEscaped(ReadOnlySpan<byte> raw) => raw.IndexOf((byte)'\\') >= 0;

    private bool InArray => _depth > 0 && _containers[_stack[_depth - 1]].IsArray;

    /// <summary>Whether a string mentions a root: its raw bytes hold the root's JSON spelling, or (only then worth
    /// decoding) it uses \u or \/ escapes, or roots compare case-insensitively.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool Mentions(int rawStart, int rawEnd, ReadOnlySpan<byte> raw)
    {
        if (_caseSensitive)
        {
            while (_nextHit < _hitCount && _hits[_nextHit] < rawStart) _nextHit++;
            // Hits are ascending; one that starts inside the string and fits in it is a mention.
            for (var h = _nextHit; h < _hitCount && _hits[h] < rawEnd; h++)
                if (_hitEnds[h] <= rawEnd) return true;
            if (!_lineHasOtherSpellings || !HasOtherSpellings(raw)) return false;
        }
        return DecodeRaw(raw, IsEscaped(raw)) is { } text && TextPathReplacer.ContainsAnyRoot(_map, text);
    }

    private void Record(int tokenStart, int rawLength, bool escaped, bool isPropertyName, int nameStart, int nameLen, bool nameEscaped)
    {
        if (_candidateCount == _candidates.Length) Array.Resize(ref _candidates, _candidates.Length * 2);
        while (_stackCopyCount + _depth > _stackCopies.Length) Array.Resize(ref _stackCopies, _stackCopies.Length * 2);
        Array.Copy(_stack, 0, _stackCopies, _stackCopyCount, _depth);
        _candidates[_candidateCount++] = new Candidate(tokenStart, rawLength, escaped, isPropertyName, _stackCopyCount, _depth, nameStart, nameLen, nameEscaped);
        _stackCopyCount += _depth;
    }

    /// <summary>The rule's decision for a candidate, from the cache when a string in the same place was decided before.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private JsonStringRewrite Decide(ReadOnlySpan<byte> line, in Candidate c)
    {
        var key = _decisions.Key;
        key.Clear();
        for (var s = 0; s < c.StackLength; s++)
        {
            ref readonly var k = ref _containers[_stackCopies[c.StackStart + s]];
            key.Name(line, k.NameStart, k.NameLen, k.NameEscaped);
            key.Type(k.IsArray, line, k.TypeStart, k.TypeLen, k.TypeEscaped);
        }
        if (c.IsPropertyName) key.PropertyName();
        else key.Name(line, c.NameStart, c.NameLen, c.NameEscaped);
        if (_decisions.TryGet(out var cached)) return cached;
        var site = Site(line, c);
        var decision = _rule(site);
        // A rule that looked at the value decided for this string only.
        if (!site.ValueRead) _decisions.Remember(decision);
        return decision;
    }

    private static string? Decode(ReadOnlySpan<byte> line, int tokenStart, int rawLength, bool escaped) =>
        DecodeRaw(line.Slice(tokenStart + 1, rawLength), escaped);

    /// <summary>
    /// The text of a string token's content (between its quotes), or null when it has no faithful text: a lone surrogate
    /// escape (JSON.stringify writes one for output cut inside an emoji) or invalid UTF-8. Such a string is never a
    /// mapped path and is kept byte for byte.
    /// </summary>
    private static string? DecodeRaw(ReadOnlySpan<byte> raw, bool escaped)
    {
        if (!escaped) return System.Text.Unicode.Utf8.IsValid(raw) ? Encoding.UTF8.GetString(raw) : null;
        var quoted = new byte[raw.Length + 2];
        quoted[0] = quoted[^1] = (byte)'"';
        raw.CopyTo(quoted.AsSpan(1));
        try
        {
            var reader = new Utf8JsonReader(quoted);
            reader.Read();
            return reader.GetString()!;
        }
        catch (Exception ex) when (ex is InvalidOperationException or JsonException)
        {
            return null;
        }
    }

    private JsonStringSite Site(ReadOnlySpan<byte> line, in Candidate c)
    {
        var sb = new StringBuilder();
        var types = new List<string?>();
        for (var s = 0; s < c.StackLength; s++)
        {
            var k = _containers[_stackCopies[c.StackStart + s]];
            if (k.NameStart == -2) sb.Append("[]");
            else if (k.NameStart >= 0) Append(sb, DecodeRaw(line.Slice(k.NameStart, k.NameLen), k.NameEscaped) ?? "");
            if (!k.IsArray) types.Add(k.TypeStart >= 0 ? DecodeRaw(line.Slice(k.TypeStart, k.TypeLen), k.TypeEscaped) : null);
        }
        if (!c.IsPropertyName)
        {
            if (c.NameStart == -2) sb.Append("[]");
            else if (c.NameStart >= 0) Append(sb, DecodeRaw(line.Slice(c.NameStart, c.NameLen), c.NameEscaped) ?? "");
        }
        var raw = line.Slice(c.TokenStart + 1, c.RawLength).ToArray();
        var escaped = c.Escaped;
        return new JsonStringSite(sb.ToString(), c.IsPropertyName, () => DecodeRaw(raw, escaped) ?? "", types.ToArray());
    }

    private static void Append(StringBuilder sb, string name)
    {
        if (sb.Length > 0) sb.Append('.');
        sb.Append(name);
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

    /// <summary>A container; NameStart is -2 for an array element, -1 for the line's root.</summary>
    private struct Container(int nameStart, int nameLen, bool nameEscaped, bool isArray)
    {
        public readonly int NameStart = nameStart;
        public readonly int NameLen = nameLen;
        public readonly bool NameEscaped = nameEscaped;
        public readonly bool IsArray = isArray;
        public int TypeStart = -1;
        public int TypeLen;
        public bool TypeEscaped;
    }

    private readonly record struct Candidate(int TokenStart, int RawLength, bool Escaped, bool IsPropertyName, int StackStart, int StackLength,
        int NameStart, int NameLen, bool NameEscaped);
}
