using System.Text;

namespace SameSession.Core.Crypto.Age;

/// <summary>BIP 173 Bech32 (not Bech32m) without the 90-character limit, as age uses for its keys.</summary>
internal static class Bech32
{
    private const string Charset = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
    private static readonly uint[] Generator = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];

    private static uint Polymod(ReadOnlySpan<byte> values)
    {
        uint chk = 1;
        foreach (var v in values)
        {
            var top = chk >> 25;
            chk = ((chk & 0x1ffffff) << 5) ^ v;
            for (var i = 0; i < 5; i++)
                if (((top >> i) & 1) != 0) chk ^= Generator[i];
        }
        return chk;
    }

    private static byte[] ExpandHrp(string hrp)
    {
        var r = new byte[hrp.Length * 2 + 1];
        for (var i = 0; i < hrp.Length; i++)
        {
            r[i] = (byte)(hrp[i] >> 5);
            r[i + hrp.Length + 1] = (byte)(hrp[i] & 31);
        }
        return r;
    }

    private static uint Checksum(string hrpLower, ReadOnlySpan<byte> data5)
    {
        var exp = ExpandHrp(hrpLower);
        var all = new byte[exp.Length + data5.Length + 6];
        exp.CopyTo(all, 0);
        data5.CopyTo(all.AsSpan(exp.Length));
        return Polymod(all);
    }

    /// <summary>Encodes with the HRP's case: an upper-case HRP gives an all upper-case string.</summary>
    public static string Encode(string hrp, ReadOnlySpan<byte> data)
    {
        var lower = hrp.ToLowerInvariant();
        var data5 = ConvertBits(data, 8, 5, pad: true)!;
        var mod = Checksum(lower, data5) ^ 1;
        var sb = new StringBuilder(lower).Append('1');
        foreach (var d in data5) sb.Append(Charset[d]);
        for (var i = 0; i < 6; i++) sb.Append(Charset[(int)((mod >> (5 * (5 - i))) & 31)]);
        return string.Equals(hrp, lower, StringComparison.Ordinal) ? sb.ToString() : sb.ToString().ToUpperInvariant();
    }

    /// <summary>Decodes; the HRP keeps the string's case so callers can insist on it. Null when invalid.</summary>
    public static (string Hrp, byte[] Data)? Decode(string s)
    {
        if (s.Length < 8) return null;
        var hasLower = false;
        var hasUpper = false;
        foreach (var c in s)
        {
            if (c < 33 || c > 126) return null;
            hasLower |= c is >= 'a' and <= 'z';
            hasUpper |= c is >= 'A' and <= 'Z';
        }
        if (hasLower && hasUpper) return null;
        var sep = s.LastIndexOf('1');
        if (sep < 1 || sep + 7 > s.Length) return null;
        var hrp = s[..sep];
        var lowered = s.ToLowerInvariant();
        var data5 = new byte[s.Length - sep - 1];
        for (var i = 0; i < data5.Length; i++)
        {
            var idx = Charset.IndexOf(lowered[sep + 1 + i], StringComparison.Ordinal);
            if (idx < 0) return null;
            data5[i] = (byte)idx;
        }
        if (Polymod(Concat(ExpandHrp(hrp.ToLowerInvariant()), data5)) != 1) return null;
        var data = ConvertBits(data5.AsSpan(0, data5.Length - 6), 5, 8, pad: false);
        return data is null ? null : (hrp, data);
    }

    private static byte[] Concat(byte[] a, byte[] b)
    {
        var r = new byte[a.Length + b.Length];
        a.CopyTo(r, 0);
        b.CopyTo(r, a.Length);
        return r;
    }

    private static byte[]? ConvertBits(ReadOnlySpan<byte> data, int from, int to, bool pad)
    {
        int acc = 0, bits = 0;
        var max = (1 << to) - 1;
        var result = new List<byte>(data.Length * from / to + 1);
        foreach (var v in data)
        {
            acc = (acc << from) | v;
            bits += from;
            while (bits >= to)
            {
                bits -= to;
                result.Add((byte)((acc >> bits) & max));
            }
            acc &= (1 << bits) - 1;
        }
        if (pad)
        {
            if (bits > 0) result.Add((byte)((acc << (to - bits)) & max));
        }
        else if (bits >= from || acc != 0)
        {
            return null;
        }
        return [.. result];
    }
}
