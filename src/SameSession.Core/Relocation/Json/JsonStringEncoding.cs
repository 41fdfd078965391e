using System.Buffers;
using System.Text;

namespace SameSession.Core.Relocation.Json;

/// <summary>Writes a JSON string token with minimal escaping (what JSON.stringify and serde write, plus U+2028/9).</summary>
internal static class JsonStringEncoding
{
    /// <summary>What must be escaped: quote, backslash, control characters, and U+2028/9 (JSON.stringify's set).</summary>
    private static readonly SearchValues<char> NeedsEscape =
        SearchValues.Create(new string(Enumerable.Range(0, 0x20).Select(c => (char)c).Concat(['"', '\\', '\u2028', '\u2029']).ToArray()));

    public static void WriteQuoted(IBufferWriter<byte> output, string value)
    {
        Put(output, "\""u8);
        var rest = value.AsSpan();
        int k;
        while ((k = rest.IndexOfAny(NeedsEscape)) >= 0)
        {
            PutUtf8(output, rest[..k]);
            PutEscaped(output, rest[k]);
            rest = rest[(k + 1)..];
        }
        PutUtf8(output, rest);
        Put(output, "\""u8);
    }

    private static void PutEscaped(IBufferWriter<byte> output, char c)
    {
        ReadOnlySpan<byte> esc = c switch
        {
            '"' => "\\\""u8,
            '\\' => "\\\\"u8,
            '\n' => "\\n"u8,
            '\r' => "\\r"u8,
            '\t' => "\\t"u8,
            '\b' => "\\b"u8,
            '\f' => "\\f"u8,
            _ => default,
        };
        if (!esc.IsEmpty)
        {
            Put(output, esc);
            return;
        }
        Span<byte> scratch = stackalloc byte[6];
        "\\u"u8.CopyTo(scratch);
        ((int)c).TryFormat(scratch[2..], out _, "x4", System.Globalization.CultureInfo.InvariantCulture);
        Put(output, scratch);
    }

    private static void Put(IBufferWriter<byte> output, ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(output.GetSpan(bytes.Length));
        output.Advance(bytes.Length);
    }

    private static void PutUtf8(IBufferWriter<byte> output, ReadOnlySpan<char> chars)
    {
        if (chars.IsEmpty) return;
        var span = output.GetSpan(Encoding.UTF8.GetMaxByteCount(chars.Length));
        output.Advance(Encoding.UTF8.GetBytes(chars, span));
    }
}
