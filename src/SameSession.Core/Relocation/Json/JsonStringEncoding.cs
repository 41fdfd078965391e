using System.Buffers;
using System.Text;

namespace SameSession.Core.Relocation.Json;

/// <summary>Writes a JSON string token with minimal escaping (what JSON.stringify and serde write, plus U+2028/9).</summary>
internal static class JsonStringEncoding
{
    public static void WriteQuoted(IBufferWriter<byte> output, string value)
    {
        Span<byte> scratch = stackalloc byte[6];
        Put(output, "\""u8);
        var runStart = 0;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
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
            var needsU = esc.IsEmpty && (c < 0x20 || c == '\u2028' || c == '\u2029');
            if (esc.IsEmpty && !needsU) continue;
            PutUtf8(output, value.AsSpan(runStart, i - runStart));
            if (needsU)
            {
                "\\u"u8.CopyTo(scratch);
                ((int)c).TryFormat(scratch[2..], out _, "x4", System.Globalization.CultureInfo.InvariantCulture);
                Put(output, scratch);
            }
            else Put(output, esc);
            runStart = i + 1;
        }
        PutUtf8(output, value.AsSpan(runStart));
        Put(output, "\""u8);
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
