using System.Buffers;

namespace SameSession.Core.Infrastructure;

/// <summary>
/// Walks one JSON line forward, tracking string state and nesting depth without decoding values, to tell
/// whether a byte position is a key of the top-level object. String bodies are skipped with vectorized
/// searches, so the cost is dominated by structure, not by text.
/// </summary>
internal ref struct JsonDepthCursor
{
    private static readonly SearchValues<byte> Structural = SearchValues.Create("\"{}[]"u8);
    private static readonly SearchValues<byte> StringEnd = SearchValues.Create("\"\\"u8);

    private readonly ReadOnlySpan<byte> _line;
    private int _pos;
    private int _depth;
    private bool _inString;

    public JsonDepthCursor(ReadOnlySpan<byte> line) => _line = line;

    /// <summary>
    /// True when <paramref name="target"/> (a quote opening a key) sits directly in the top-level object.
    /// Positions must be asked in increasing order.
    /// </summary>
    public bool IsTopLevel(int target)
    {
        if (target < _pos) return false;
        while (_pos < target)
        {
            var window = _line[_pos..target];
            if (_inString)
            {
                var i = window.IndexOfAny(StringEnd);
                if (i < 0) { _pos = target; break; }
                _pos += i;
                if (_line[_pos] == (byte)'\\') { _pos += 2; continue; }
                _inString = false;
                _pos++;
            }
            else
            {
                var i = window.IndexOfAny(Structural);
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
        return _pos == target && !_inString && _depth == 1;
    }
}
