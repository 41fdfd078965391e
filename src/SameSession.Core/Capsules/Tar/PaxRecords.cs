using System.Globalization;
using System.Text;

namespace SameSession.Core.Capsules.Tar;

/// <summary>POSIX pax extended-header records: "<length> <key>=<value>\n", the length counting the whole record.</summary>
internal static class PaxRecords
{
    /// <summary>Keys a capsule may carry. Anything else (linkpath, GNU.sparse.*, global headers) is refused.</summary>
    private static readonly HashSet<string> AllowedKeys = new(StringComparer.Ordinal) { "path", "size", "mtime" };

    public const int MaxHeaderSize = 64 * 1024;

    public static byte[] Encode(IEnumerable<KeyValuePair<string, string>> records)
    {
        var sb = new StringBuilder();
        foreach (var (key, value) in records)
        {
            var body = $" {key}={value}\n";
            var bodyLength = Encoding.UTF8.GetByteCount(body);
            // The length prefix counts its own digits; grow it until it is self-consistent.
            var length = bodyLength + 1;
            while (length != bodyLength + Digits(length)) length = bodyLength + Digits(length);
            sb.Append(length.ToString(CultureInfo.InvariantCulture)).Append(body);
        }
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    private static int Digits(int n) => n.ToString(CultureInfo.InvariantCulture).Length;

    public static Dictionary<string, string> Parse(ReadOnlySpan<byte> data)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var utf8 = new UTF8Encoding(false, true);
        while (!data.IsEmpty)
        {
            var space = data.IndexOf((byte)' ');
            if (space <= 0 || space > 7) throw CapsuleErrors.Corrupt("bad pax record length");
            var lengthText = Encoding.ASCII.GetString(data[..space]);
            if (!int.TryParse(lengthText, NumberStyles.None, CultureInfo.InvariantCulture, out var length) || length <= space + 2 || length > data.Length)
                throw CapsuleErrors.Corrupt("bad pax record length");
            var record = data[(space + 1)..length];
            if (record[^1] != (byte)'\n') throw CapsuleErrors.Corrupt("pax record not ending in a newline");
            var eq = record.IndexOf((byte)'=');
            if (eq <= 0) throw CapsuleErrors.Corrupt("pax record without a key");
            string key, value;
            try
            {
                key = utf8.GetString(record[..eq]);
                value = utf8.GetString(record[(eq + 1)..^1]);
            }
            catch (DecoderFallbackException) { throw CapsuleErrors.Corrupt("pax record that is not UTF-8"); }
            if (!AllowedKeys.Contains(key)) throw CapsuleErrors.Corrupt($"pax record '{key}' is not allowed in a capsule");
            if (!result.TryAdd(key, value)) throw CapsuleErrors.Corrupt($"pax record '{key}' given twice");
            data = data[length..];
        }
        return result;
    }
}
