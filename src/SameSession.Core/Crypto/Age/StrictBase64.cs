namespace SameSession.Core.Crypto.Age;

/// <summary>
/// Canonical RFC 4648 base64 as age requires. Convert.FromBase64String is too lenient (it ignores whitespace and
/// non-zero trailing bits), so decoding is done here with an explicit bit accumulator.
/// </summary>
internal static class StrictBase64
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    private static readonly sbyte[] Values = BuildValues();

    private static sbyte[] BuildValues()
    {
        var v = new sbyte[256];
        Array.Fill(v, (sbyte)-1);
        for (var i = 0; i < Alphabet.Length; i++) v[Alphabet[i]] = (sbyte)i;
        return v;
    }

    public static string EncodeUnpadded(ReadOnlySpan<byte> data) => Convert.ToBase64String(data).TrimEnd('=');

    /// <summary>Decodes unpadded base64 given as ASCII bytes; null when it is not canonical.</summary>
    public static byte[]? DecodeUnpadded(ReadOnlySpan<byte> text)
    {
        if (text.Length % 4 == 1) return null;
        var output = new byte[text.Length * 3 / 4];
        return TryDecodeCore(text, output, out var written) && written == output.Length ? output : null;
    }

    public static byte[]? DecodeUnpadded(string text)
    {
        var ascii = new byte[text.Length];
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] > 127) return null;
            ascii[i] = (byte)text[i];
        }
        return DecodeUnpadded(ascii);
    }

    /// <summary>Decodes padded base64 (the armor body); false when not canonical or badly padded.</summary>
    public static bool TryDecodePadded(ReadOnlySpan<byte> text, Span<byte> output, out int written)
    {
        written = 0;
        if (text.Length % 4 != 0) return false;
        var pad = text.Length > 0 && text[^1] == '=' ? (text.Length > 1 && text[^2] == '=' ? 2 : 1) : 0;
        var body = text[..^pad];
        return body.IndexOf((byte)'=') < 0 && TryDecodeCore(body, output, out written);
    }

    private static bool TryDecodeCore(ReadOnlySpan<byte> text, Span<byte> output, out int written)
    {
        written = 0;
        if (text.Length % 4 == 1) return false;
        int acc = 0, bits = 0;
        foreach (var c in text)
        {
            var v = Values[c];
            if (v < 0) return false;
            acc = (acc << 6) | (byte)v;
            bits += 6;
            if (bits >= 8)
            {
                bits -= 8;
                if (written >= output.Length) return false;
                output[written++] = (byte)(acc >> bits);
            }
            acc &= (1 << bits) - 1;
        }
        return acc == 0;
    }
}
