using System.Globalization;
using System.Text;
using System.Text.Json;

namespace SameSession.Core.Providers.Common;

/// <summary>
/// A JSON string's value, lone surrogates included. JavaScript's JSON.stringify writes half of an emoji (output cut
/// inside one) as a "\ud83d" escape; System.Text.Json parses the document but refuses to give such a string as .NET
/// text, which would drop a whole transcript line. Here the escapes are decoded as they are.
/// </summary>
internal static class LenientJsonString
{
    public static string? Of(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.String) return null;
        try { return value.GetString(); }
        catch (InvalidOperationException) { return Decode(value.GetRawText()); }
    }

    /// <summary>The value of a raw JSON string token (with its quotes), escapes decoded one by one.</summary>
    internal static string Decode(string raw)
    {
        var text = new StringBuilder(raw.Length);
        for (var i = 1; i < raw.Length - 1; i++)
        {
            var c = raw[i];
            if (c != '\\') { text.Append(c); continue; }
            var e = raw[++i];
            text.Append(e switch
            {
                'n' => '\n',
                't' => '\t',
                'r' => '\r',
                'b' => '\b',
                'f' => '\f',
                'u' => (char)ushort.Parse(raw.AsSpan(i + 1, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture),
                _ => e,
            });
            if (e == 'u') i += 4;
        }
        return text.ToString();
    }
}
