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

    /// <summary>Tokenises the line, recording containers and candidate strings. False when the line is not JSON or has no candidate.</summary>
    private bool Collect(ReadOnlySpan<byte> line)
    {
        _containers.Clear();
        _stack.Clear();
        _candidates.Clear();
        var reader = new Utf8JsonReader(line, new JsonReaderOptions { MaxDepth = 512 });
        int nameStart = -1, nameLen = 0;
        var nameEscaped = false;
        var nameIsType = false;
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject:
                    case JsonTokenType.StartArray:
                        _containers.Add(new Container(InArray ? -2 : nameStart, nameLen, nameEscaped, reader.TokenType == JsonTokenType.StartArray));
                        _stack.Add(_containers.Count - 1);
                        nameStart = -1;
                        nameIsType = false;
                        break;
                    case JsonTokenType.EndObject:
                    case JsonTokenType.EndArray:
                        _stack.RemoveAt(_stack.Count - 1);
                        break;
                    case JsonTokenType.PropertyName:
                        nameStart = (int)reader.TokenStartIndex + 1;
                        nameLen = reader.ValueSpan.Length;
                        nameEscaped = reader.ValueIsEscaped;
                        nameIsType = reader.ValueTextEquals("type"u8);
                        if (Mentions(ref reader)) Record(ref reader, isPropertyName: true, -1, 0, false);
                        break;
                    case JsonTokenType.String:
                        if (nameIsType && !InArray)
                        {
                            var top = _containers[_stack[^1]];
                            _containers[_stack[^1]] = top with { TypeStart = (int)reader.TokenStartIndex + 1, TypeLen = reader.ValueSpan.Length, TypeEscaped = reader.ValueIsEscaped };
                        }
                        if (Mentions(ref reader)) Record(ref reader, isPropertyName: false, InArray ? -2 : nameStart, nameLen, nameEscaped);
                        nameStart = -1;
                        nameIsType = false;
                        break;
                    default:
                        nameStart = -1;
                        nameIsType = false;
                        break;
                }
            }
            if (reader.BytesConsumed != line.Length && !line[(int)reader.BytesConsumed..].TrimEnd(" \t\r"u8).IsEmpty) return false;
        }
        catch (JsonException)
        {
            return false;
        }
        return _candidates.Count > 0;
    }

    private bool InArray => _stack.Count > 0 && _containers[_stack[^1]].IsArray;

    private bool Mentions(ref Utf8JsonReader reader)
    {
        if (_caseSensitive && !reader.ValueIsEscaped)
        {
            foreach (var n in _rawNeedles)
                if (reader.ValueSpan.IndexOf(n) >= 0) return true;
            return false;
        }
        return TextPathReplacer.ContainsAnyRoot(_map, reader.GetString()!);
    }

    private void Record(ref Utf8JsonReader reader, bool isPropertyName, int nameStart, int nameLen, bool nameEscaped) =>
        _candidates.Add(new Candidate((int)reader.TokenStartIndex, reader.ValueSpan.Length, isPropertyName, reader.GetString()!,
            _stack.ToArray(), nameStart, nameLen, nameEscaped));

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
        return new JsonStringSite(sb.ToString(), c.IsPropertyName, c.Value, types.ToArray());
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

    private sealed record Candidate(int TokenStart, int RawLength, bool IsPropertyName, string Value, int[] Stack,
        int NameStart, int NameLen, bool NameEscaped);
}
