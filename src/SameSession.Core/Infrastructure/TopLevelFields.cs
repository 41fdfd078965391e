using System.Text;
using System.Text.Json;

namespace SameSession.Core.Infrastructure;

/// <summary>
/// Reads top-level string fields of one JSON line without parsing the rest: searches the key from the end of the
/// line (where agents put their envelope fields, after a possibly huge message) and checks its depth.
/// </summary>
internal static class TopLevelFields
{
    /// <summary>The decoded value of the last top-level <c>"key":"…"</c> pair; null when absent or not a string.</summary>
    public static string? LastString(ReadOnlySpan<byte> line, string key)
    {
        Span<byte> needle = stackalloc byte[key.Length + 4];
        needle[0] = (byte)'"';
        Encoding.UTF8.GetBytes(key, needle[1..]);
        "\":\""u8.CopyTo(needle[(key.Length + 1)..]);
        var end = line.Length;
        while (end > 0)
        {
            var at = line[..end].LastIndexOf(needle);
            if (at < 0) return null;
            var open = at + needle.Length - 1;
            var close = JsonDepthCursor.ClosingQuote(line, open + 1);
            if (close > 0 && JsonDepthCursor.DepthFromEnd(line, close + 1) == 1) return Decode(line[open..(close + 1)]);
            end = at;
        }
        return null;
    }

    private static string? Decode(ReadOnlySpan<byte> quoted)
    {
        try
        {
            var r = new Utf8JsonReader(quoted);
            return r.Read() && r.TokenType == JsonTokenType.String ? r.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }
}
