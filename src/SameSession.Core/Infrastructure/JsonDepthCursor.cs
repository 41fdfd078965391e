using System.Buffers;

namespace SameSession.Core.Infrastructure;

/// <summary>
/// Walks one JSON line forward, tracking string state and nesting depth without decoding values, to tell how
/// deep a byte position sits. Inside strings it only looks for quotes (a vectorized search) and checks the
/// backslashes before each one, so text bodies cost little more than a memchr.
/// </summary>
internal ref struct JsonDepthCursor
{
    private static readonly SearchValues<byte> Structural = SearchValues.Create("\"{}[]"u8);

    private readonly ReadOnlySpan<byte> _line;
    private int _pos;
    private int _depth;
    private bool _inString;

    public JsonDepthCursor(ReadOnlySpan<byte> line) => _line = line;

    /// <summary>
    /// True when <paramref name="target"/> (a quote opening a key) sits directly in the top-level object.
    /// Positions must be asked in increasing order.
    /// </summary>
    public bool IsTopLevel(int target) => DepthAt(target) == 1;

    /// <summary>The nesting depth at <paramref name="target"/>; -1 inside a string or behind the cursor.</summary>
    public int DepthAt(int target)
    {
        if (target < _pos) return -1;
        while (_pos < target)
        {
            if (_inString)
            {
                var end = ClosingQuote(_line, _pos);
                if (end < 0 || end >= target) { _pos = target; break; }
                _inString = false;
                _pos = end + 1;
            }
            else
            {
                var i = _line[_pos..target].IndexOfAny(Structural);
                if (i < 0) { _pos = target; break; }
                _pos += i;
                switch (_line[_pos])
                {
                    case (byte)'"': _inString = true; break;
                    case (byte)'{' or (byte)'[': _depth++; break;
                    default: _depth--; break;
                }
                _pos++;
            }
        }
        return _pos == target && !_inString ? _depth : -1;
    }

    /// <summary>The position of the first occurrence of <paramref name="needle"/> (starting with a key's quote) in the top-level object; -1 if none.</summary>
    public static int FindTopLevel(ReadOnlySpan<byte> line, ReadOnlySpan<byte> needle)
    {
        var cursor = new JsonDepthCursor(line);
        var from = 0;
        while (true)
        {
            var i = line[from..].IndexOf(needle);
            if (i < 0) return -1;
            if (cursor.IsTopLevel(from + i)) return from + i;
            from += i + needle.Length;
        }
    }

    /// <summary>The index of the quote closing a string whose body starts at <paramref name="from"/>; -1 if none.</summary>
    public static int ClosingQuote(ReadOnlySpan<byte> line, int from)
    {
        while (true)
        {
            var i = line[from..].IndexOf((byte)'"');
            if (i < 0) return -1;
            var q = from + i;
            if (!IsEscaped(line, q)) return q;
            from = q + 1;
        }
    }

    /// <summary>
    /// The index just past the value starting at <paramref name="start"/> (object, array, string or literal);
    /// -1 when the line ends first.
    /// </summary>
    public static int SkipValue(ReadOnlySpan<byte> line, int start)
    {
        if (start >= line.Length) return -1;
        var c = line[start];
        if (c == (byte)'"') return ClosingQuote(line, start + 1) is var q and >= 0 ? q + 1 : -1;
        if (c is not ((byte)'{' or (byte)'['))
        {
            var end = line[start..].IndexOfAny(",}]"u8);
            return end < 0 ? line.Length : start + end;
        }
        var depth = 0;
        var pos = start;
        while (pos < line.Length)
        {
            var i = line[pos..].IndexOfAny(Structural);
            if (i < 0) return -1;
            pos += i;
            switch (line[pos])
            {
                case (byte)'"':
                    var q = ClosingQuote(line, pos + 1);
                    if (q < 0) return -1;
                    pos = q + 1;
                    continue;
                case (byte)'{' or (byte)'[': depth++; break;
                default:
                    depth--;
                    if (depth == 0) return pos + 1;
                    break;
            }
            pos++;
        }
        return -1;
    }

    /// <summary>
    /// Nesting depth at <paramref name="from"/> counted from the end of a complete JSON line backwards (cheap when
    /// <paramref name="from"/> is near the end); -1 when that position is inside a string.
    /// </summary>
    public static int DepthFromEnd(ReadOnlySpan<byte> line, int from)
    {
        var depth = 0;
        var inString = false;
        var i = line.Length;
        while (i > from)
        {
            var window = line[from..i];
            var j = inString ? window.LastIndexOf((byte)'"') : window.LastIndexOfAny(Structural);
            if (j < 0) break;
            i = from + j;
            var c = line[i];
            if (c == (byte)'"') { if (!IsEscaped(line, i)) inString = !inString; }
            else if (c is (byte)'}' or (byte)']') depth++;
            else depth--;
        }
        return inString ? -1 : depth;
    }

    /// <summary>A quote is escaped when an odd run of backslashes precedes it.</summary>
    private static bool IsEscaped(ReadOnlySpan<byte> line, int quote)
    {
        var slashes = 0;
        for (var k = quote - 1; k >= 0 && line[k] == (byte)'\\'; k--) slashes++;
        return slashes % 2 == 1;
    }
}
